using System.Globalization;
using LowFormerBench.Core.Queries;

namespace LowFormerBench.Dashboard.ViewModels;

/// <summary>The Models page: zoo models and uploads with the counts the plots use.</summary>
public sealed class ModelsViewModel(IDashboardQueries queries, IFarmControl control)
{
    /// <summary>Stated on the page, because MAC and FLOP counts differ by conventions that change a model's rank.</summary>
    public const string MacsConvention =
        "MACs: multiply-accumulates of one forward pass at batch 1 at the model's resolution, counted as ptflops and fvcore " +
        "count them (the LowFormer paper's convention): only Conv, ConvTranspose, Gemm and MatMul count, biases and every " +
        "other operator count zero. One MAC is one multiply and one add (about 2 FLOPs).";

    public IReadOnlyList<ModelView> Models { get; private set; } = [];

    public string? UploadMessage { get; private set; }

    public string? UploadError { get; private set; }

    public long MaxModelBytes => control.MaxModelBytes;

    public async Task LoadAsync(CancellationToken cancellationToken) => Show(await queries.ListModelsAsync(cancellationToken));

    /// <summary>
    /// Uploads an ONNX file through the coordinator's model checks (it must parse and its parameters and MACs must
    /// be countable); a refused file leaves nothing stored and its reason in <see cref="UploadError"/>.
    /// </summary>
    /// <param name="open">Opens the file's content, reading at most the given number of bytes.</param>
    /// <returns>The stored model, or null when refused.</returns>
    public async Task<ModelView?> UploadAsync(DashboardAccess access, string fileName, long size, Func<long, Stream> open, CancellationToken cancellationToken)
    {
        UploadMessage = null;
        UploadError = null;
        if (!access.CanMutate)
        {
            UploadError = DashboardAccess.RefusedMessage;
            return null;
        }

        if (size > control.MaxModelBytes)
        {
            UploadError = $"{fileName} is {size} bytes; the coordinator takes models up to {control.MaxModelBytes} bytes (Coordinator:MaxModelBytes)";
            return null;
        }

        try
        {
            await using var content = open(control.MaxModelBytes);
            var model = await control.UploadModelAsync(Path.GetFileNameWithoutExtension(fileName), content, cancellationToken);
            UploadMessage = $"stored '{model.DisplayName}': {Millions(model.Params)} params, {Giga(model.Macs)} MACs, SHA-256 {model.Sha256[..12]}…";
            await LoadAsync(cancellationToken);
            return model;
        }
        catch (InvalidDataException e)
        {
            UploadError = $"{fileName} was not stored: {e.Message}";
            return null;
        }
    }

    public void Show(IReadOnlyList<ModelView> models) =>
        Models = [.. models.OrderBy(m => m.Source == "upload").ThenBy(m => m.DisplayName, StringComparer.Ordinal).ThenBy(m => m.Resolution)];

    public static string Millions(long count) => (count / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M";

    public static string Giga(long count) => (count / 1e9).ToString("0.000", CultureInfo.InvariantCulture) + " G";

    public static string Top1(double? top1) => top1 is { } t ? t.ToString("0.0", CultureInfo.InvariantCulture) + " %" : "";

    public static string Resolution(int resolution) => resolution > 0 ? $"{resolution}x{resolution}" : "as uploaded";

    public static string Size(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
}
