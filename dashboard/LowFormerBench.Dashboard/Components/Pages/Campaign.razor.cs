using LowFormerBench.Core.Queries;
using LowFormerBench.Dashboard.ViewModels;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;

namespace LowFormerBench.Dashboard.Components.Pages;

/// <summary>
/// One campaign's jobs, live: the page follows the campaign feed and reloads on each signal, at most every
/// <see cref="MinRenderGap"/>, so a farm finishing many jobs at once costs a few renders, not one per job.
/// </summary>
public sealed partial class Campaign : IAsyncDisposable
{
    private static readonly TimeSpan MinRenderGap = TimeSpan.FromMilliseconds(250);
    private readonly CancellationTokenSource _stop = new();
    private Task _watch = Task.CompletedTask;

    [Parameter]
    public long CampaignId { get; set; }

    [Inject]
    private CampaignViewModel Model { get; set; } = null!;

    [Inject]
    private ILogger<Campaign> Logger { get; set; } = null!;

    [Inject]
    private IFarmFeed Feed { get; set; } = null!;

    [CascadingParameter]
    private DashboardAccess Access { get; set; } = new(false);

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    protected override async Task OnParametersSetAsync()
    {
        await Model.LoadAsync(CampaignId, _stop.Token);
        if (Model.Campaign is null)
        {
            // A 404 with the dashboard's not-found page (the server's render sets the status), not a 200 that says "no such campaign".
            Navigation.NotFound();
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _watch = WatchAsync(_stop.Token);
        }
    }

    private async Task WatchAsync(CancellationToken stop)
    {
        try
        {
            // The feed's channel keeps only the latest signal, so a change during the gap is still seen after it.
            await foreach (var _ in Feed.WatchCampaignAsync(CampaignId, stop))
            {
                await Model.LoadAsync(CampaignId, stop);
                await InvokeAsync(StateHasChanged);
                await Task.Delay(MinRenderGap, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The page went away.
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended between a signal and its render.
        }
        catch (Exception e)
        {
            // The page keeps its last state; a reload starts a new watch.
            DashboardLog.WatchFailed(Logger, CampaignId, e);
        }
    }

    // Cancel asks first: one click on a long campaign's page should not end it.
    private bool _confirmingCancel;

    private async Task CancelAsync()
    {
        _confirmingCancel = false;
        await Model.CancelAsync(Access, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watch;
        _stop.Dispose();
    }
}
