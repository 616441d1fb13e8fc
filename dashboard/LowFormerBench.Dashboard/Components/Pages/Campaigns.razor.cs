using LowFormerBench.Dashboard.ViewModels;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Logging;

namespace LowFormerBench.Dashboard.Components.Pages;

/// <summary>
/// Campaign list and suite submission. The list polls (the campaign feed is per campaign; a campaign's own page
/// follows the feed), which keeps its progress bars moving without a reload.
/// </summary>
public sealed partial class Campaigns : IAsyncDisposable
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _stop = new();
    private Task _poll = Task.CompletedTask;
    private bool _submitting;

    [Inject]
    private ILogger<Campaigns> Logger { get; set; } = null!;

    [Inject]
    private CampaignsViewModel Model { get; set; } = null!;

    [CascadingParameter]
    private DashboardAccess Access { get; set; } = new(false);

    protected override Task OnInitializedAsync() => Model.LoadAsync(_stop.Token);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _poll = LivePoll.RunAsync("campaigns", RefreshInterval, Model.LoadAsync, () => InvokeAsync(StateHasChanged), Logger, _stop.Token);
        }
    }

    private async Task SubmitAsync()
    {
        _submitting = true;
        try
        {
            await Model.SubmitAsync(Access, _stop.Token);
        }
        finally
        {
            _submitting = false;
        }
    }

    private async Task SubmitFileAsync(InputFileChangeEventArgs e)
    {
        _submitting = true;
        try
        {
            await Model.SubmitFileAsync(Access, e.File.Name, e.File.Size, max => e.File.OpenReadStream(max), _stop.Token);
        }
        finally
        {
            _submitting = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _poll;
        _stop.Dispose();
    }
}
