using Grpc.Core;
using LowFormerBench.Coordinator.Campaigns;
using LowFormerBench.Coordinator.Grpc.Mapping;
using LowFormerBench.Coordinator.Models;
using LowFormerBench.Coordinator.Regression;
using LowFormerBench.Coordinator.Scheduling;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Suites;
using LowFormerBench.Protos.V1;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Coordinator.Grpc;

/// <summary>The Control API: a thin adapter over the submitter, the dispatcher and the farm's queries (the dashboard's read path).</summary>
public sealed partial class ControlGrpcService(
    CampaignSubmitter submitter,
    CampaignStore campaigns,
    CampaignFeed feed,
    Dispatcher dispatcher,
    IDashboardQueries queries,
    ResultQueries results,
    ModelLibrary library,
    CampaignComparison comparison,
    IOptions<CoordinatorOptions> options) : Control.ControlBase
{
    public override async Task<CampaignInfo> SubmitCampaign(SubmitCampaignRequest request, ServerCallContext context)
    {
        try
        {
            var paired = request.Paired ? new PairedSubmission(request.PairedBaseline, request.PairedMainBranch) : null;
            var view = await submitter.SubmitAsync(request.SuiteYaml, request.SuitePath, request.UploadedFiles, request.Metadata, context.CancellationToken,
                paired);
            return view.ToProto();
        }
        catch (BaselineNotFoundException e)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"{e.Message}: a paired run needs a baseline to pair with"));
        }
        catch (SuiteValidationException e)
        {
            // The detail travels in a trailer, and clients drop a response whose headers pass 64 KiB: thousands of bad
            // entries would reach the user as an HPACK error instead of the suite's problems. The first ones say enough.
            const int shown = 20;
            var detail = e.Errors.Count <= shown
                ? e.Message
                : $"the suite is not valid ({e.Errors.Count} problems, the first {shown} shown):\n  " + string.Join("\n  ", e.Errors.Take(shown));
            throw new RpcException(new Status(StatusCode.InvalidArgument, detail));
        }
    }

    public override async Task<CampaignInfo> GetCampaign(GetCampaignRequest request, ServerCallContext context) =>
        await InfoAsync(request.CampaignId, context.CancellationToken);

    public override async Task WatchCampaign(GetCampaignRequest request, IServerStreamWriter<CampaignInfo> responseStream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        using var subscription = feed.Subscribe(request.CampaignId);
        while (true)
        {
            var info = await InfoAsync(request.CampaignId, cancellationToken);
            await responseStream.WriteAsync(info, cancellationToken);
            if (info.QueuedJobs + info.RunningJobs == 0)
            {
                return;
            }

            // Also wake up now and then: unschedulable reasons change when agents come and go.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                await subscription.Changes.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    public override async Task<CampaignInfo> CancelCampaign(GetCampaignRequest request, ServerCallContext context)
    {
        await InfoAsync(request.CampaignId, context.CancellationToken);
        await dispatcher.CancelCampaignAsync(request.CampaignId, context.CancellationToken);
        return await InfoAsync(request.CampaignId, context.CancellationToken);
    }

    public override async Task<ListCampaignsResponse> ListCampaigns(ListCampaignsRequest request, ServerCallContext context)
    {
        if (request.Kind.Length > 0 && !CampaignKinds.IsKnown(request.Kind))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"unknown campaign kind '{request.Kind}'; kinds: {CampaignKinds.User} (the default), {CampaignKinds.Canary}"));
        }

        var response = new ListCampaignsResponse();
        var found = await campaigns.ListAsync(request.ToFilter(), request.Limit > 0 ? request.Limit : 50, context.CancellationToken);
        response.Campaigns.AddRange(found.Select(c => c.ToProto()));
        return response;
    }

    public override async Task<ListAgentsResponse> ListAgents(ListAgentsRequest request, ServerCallContext context)
    {
        var response = new ListAgentsResponse();
        response.Agents.AddRange((await queries.ListAgentsAsync(context.CancellationToken)).Select(a => a.ToProto()));
        return response;
    }

    public override async Task<ListModelsResponse> ListModels(ListModelsRequest request, ServerCallContext context)
    {
        var response = new ListModelsResponse();
        response.Models.AddRange((await queries.ListModelsAsync(context.CancellationToken)).Select(m => m.ToProto()));
        return response;
    }

    public override async Task<QueryResultsResponse> QueryResults(QueryResultsRequest request, ServerCallContext context)
    {
        var rows = await results.ListAsync(request.CampaignId > 0 ? request.CampaignId : null, request.Limit > 0 ? request.Limit : null,
            context.CancellationToken);
        var response = new QueryResultsResponse();
        response.Results.AddRange(rows.Select(r => r.ToProto()));
        if (request.IncludeSamples)
        {
            await AddSamplesAsync(response, context.CancellationToken);
        }

        if (request.IncludeOperatorProfiles)
        {
            foreach (var row in response.Results)
            {
                row.OperatorProfileJson = await results.OperatorProfileJsonAsync(
                    long.Parse(row.JobId, System.Globalization.CultureInfo.InvariantCulture), context.CancellationToken) ?? string.Empty;
            }
        }

        return response;
    }

    public override async Task<ListJobsResponse> ListJobs(GetCampaignRequest request, ServerCallContext context)
    {
        await InfoAsync(request.CampaignId, context.CancellationToken);
        var response = new ListJobsResponse();
        response.Jobs.AddRange((await queries.ListJobsAsync(request.CampaignId, context.CancellationToken)).Select(j => j.ToProto()));
        return response;
    }

    private async Task AddSamplesAsync(QueryResultsResponse response, CancellationToken cancellationToken)
    {
        foreach (var campaignRows in response.Results.GroupBy(r => r.CampaignId))
        {
            var samples = await results.SamplesByJobAsync(campaignRows.Key, cancellationToken);
            var references = await results.ReferenceSamplesByJobAsync(campaignRows.Key, cancellationToken);
            foreach (var row in campaignRows)
            {
                var jobId = long.Parse(row.JobId, System.Globalization.CultureInfo.InvariantCulture);
                row.SamplesMs.AddRange(samples.GetValueOrDefault(jobId) ?? []);
                if (references.TryGetValue(jobId, out var reference))
                {
                    row.ReferenceModelSha256 = reference.ModelSha256;
                    row.ReferenceSamplesMs.AddRange(reference.SamplesMs);
                }
            }
        }
    }

    private async Task<CampaignInfo> InfoAsync(long campaignId, CancellationToken cancellationToken)
    {
        var view = await queries.GetCampaignAsync(campaignId, cancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"no campaign {campaignId}; 'lfb results' lists what there is"));
        var unschedulable = view.IsFinished ? [] : await dispatcher.UnschedulableAsync(campaignId, cancellationToken);
        return view.ToProto(unschedulable);
    }
}
