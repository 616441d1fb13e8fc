using LowFormerBench.Core.Jobs;

namespace LowFormerBench.Coordinator.Scheduling;

/// <summary>
/// The unfinished jobs the scheduler holds in memory (written through to the store), the queue in job order, and a
/// count of unfinished jobs per campaign. Not thread-safe: the dispatcher's gate guards it.
/// </summary>
public sealed class WorkingSet
{
    private readonly Dictionary<long, Job> _unfinished = [];
    private readonly SortedSet<long> _queued = [];

    // Unfinished jobs per campaign: a campaign's stored state can only change when its count reaches zero, so the
    // campaign row (a scan of all its jobs) is refreshed then, not after every job (quadratic at 20,000 jobs).
    private readonly Dictionary<long, int> _openPerCampaign = [];

    public int Count => _unfinished.Count;

    public IEnumerable<Job> Unfinished => _unfinished.Values;

    /// <summary>Queued jobs, oldest (lowest id) first.</summary>
    public IEnumerable<Job> Queued => _queued.Select(id => _unfinished[id]);

    public Job? Find(long jobId) => _unfinished.GetValueOrDefault(jobId);

    /// <summary>Adds a job; a queued one joins the queue.</summary>
    public void Track(Job job)
    {
        if (_unfinished.TryAdd(job.Id, job))
        {
            _openPerCampaign[job.CampaignId] = _openPerCampaign.GetValueOrDefault(job.CampaignId) + 1;
        }

        if (job.State == JobState.Queued)
        {
            _queued.Add(job.Id);
        }
    }

    /// <summary>Keeps the queue in step with a job's state after a transition.</summary>
    public void Requeue(Job job)
    {
        if (job.State == JobState.Queued)
        {
            _queued.Add(job.Id);
        }
        else
        {
            _queued.Remove(job.Id);
        }
    }

    /// <summary>Drops a finished job.</summary>
    public void Untrack(Job job)
    {
        _queued.Remove(job.Id);
        if (_unfinished.Remove(job.Id) && _openPerCampaign.TryGetValue(job.CampaignId, out var open))
        {
            if (open <= 1)
            {
                _openPerCampaign.Remove(job.CampaignId);
            }
            else
            {
                _openPerCampaign[job.CampaignId] = open - 1;
            }
        }
    }

    /// <summary>True while the campaign has unfinished jobs.</summary>
    public bool HasOpenJobs(long campaignId) => _openPerCampaign.ContainsKey(campaignId);
}
