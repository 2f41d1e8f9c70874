using System.Diagnostics.Metrics;

namespace Payout.IntegrationTests.Rates;

/// <summary>
/// Makes every meter under a name of its own ("rig.Payout"). The test apps' OpenTelemetry listens to the
/// "Payout" meter of every host in the process, and one meter of that name being disposed here would end the
/// stream it exports; a rig's measurements must not reach, or cut off, an app's /metrics.
/// </summary>
public sealed class RigMeterFactory : IMeterFactory
{
    public const string Prefix = "rig.";

    private readonly List<Meter> meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(new MeterOptions(Prefix + options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
        lock (meters)
        {
            meters.Add(meter);
        }

        return meter;
    }

    public void Dispose()
    {
        lock (meters)
        {
            meters.ForEach(meter => meter.Dispose());
            meters.Clear();
        }
    }
}
