using System.Globalization;

namespace Payout.LoadTest;

/// <summary>
/// The service's JIT time, from its <c>/metrics</c> (the runtime's <c>dotnet.jit.compilation.time</c>): how much of a phase's
/// window went into compiling code rather than serving it, and whether a warm-up has reached the service's steady state.
/// </summary>
internal sealed class JitProbe(HttpClient service) : IPhaseProbe
{
    private const string CompilationTimeSeries = "dotnet_jit_compilation_time_seconds_total";

    private double? opened;
    private double? closed;

    /// <summary>Seconds the service's JIT has spent compiling since it started; null when the service does not publish it.</summary>
    public async Task<double?> CompilationSecondsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var text = await service.GetStringAsync("/metrics", cancellationToken);
            foreach (var line in text.AsSpan().EnumerateLines())
            {
                if (line.StartsWith(CompilationTimeSeries, StringComparison.Ordinal) && line.Length > CompilationTimeSeries.Length
                    && line[CompilationTimeSeries.Length] is '{' or ' ')
                {
                    return double.Parse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (HttpRequestException)
        {
        }

        return null;
    }

    public async Task WindowOpenedAsync(CancellationToken cancellationToken) => opened = await CompilationSecondsAsync(cancellationToken);

    public async Task WindowClosedAsync(CancellationToken cancellationToken) => closed = await CompilationSecondsAsync(cancellationToken);

    public void Describe(PhaseResult result)
    {
        if (opened is { } before && closed is { } after && result.Seconds > 0)
        {
            result.ServiceJitPercent = PercentOfCore(after - before, result.Seconds);
        }
    }

    /// <summary>The JIT's share of one core: <paramref name="compilingSeconds"/> spent compiling in <paramref name="seconds"/>.</summary>
    public static double PercentOfCore(double compilingSeconds, double seconds) => Math.Round(compilingSeconds / seconds * 100, 1);
}
