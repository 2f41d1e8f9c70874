using System.Text;

namespace Payout.LoadTest;

/// <summary>
/// One worker's record of its calls during a phase's timed window (no locks: each worker has its own; they are
/// merged when the phase ends). A call counts when it completes inside the window.
/// </summary>
internal sealed class CallRecorder(PhaseWindow window)
{
    private const int ErrorSamplesKept = 5;
    private const int ErrorBodyChars = 400;

    public Dictionary<string, CallSamples> Calls { get; } = new(StringComparer.Ordinal);

    /// <summary>Counts of answers worth knowing beyond the status code, e.g. "pay: SUCCESS".</summary>
    public Dictionary<string, long> Tags { get; } = new(StringComparer.Ordinal);

    public void Record(string call, int status, TimeSpan elapsed, ReadOnlySpan<byte> body)
    {
        if (!window.Recording)
        {
            return;
        }

        var samples = Samples(call);
        samples.Add(status, elapsed);
        if (status is < 200 or > 299 && samples.ErrorSamples.Count < ErrorSamplesKept)
        {
            var text = Encoding.UTF8.GetString(body);
            samples.ErrorSamples.Add($"{status}: {(text.Length > ErrorBodyChars ? text[..ErrorBodyChars] + "…" : text)}");
        }
    }

    /// <summary>A call that got no HTTP answer at all (refused, reset, timed out): status 0.</summary>
    public void RecordFailure(string call, TimeSpan elapsed, string message)
    {
        if (!window.Recording)
        {
            return;
        }

        var samples = Samples(call);
        samples.Add(0, elapsed);
        if (samples.ErrorSamples.Count < ErrorSamplesKept)
        {
            samples.ErrorSamples.Add($"no answer: {message}");
        }
    }

    public void Tag(string tag)
    {
        if (window.Recording)
        {
            Tags[tag] = Tags.GetValueOrDefault(tag) + 1;
        }
    }

    private CallSamples Samples(string call)
    {
        if (!Calls.TryGetValue(call, out var samples))
        {
            samples = new CallSamples();
            Calls[call] = samples;
        }

        return samples;
    }
}

/// <summary>Latencies (µs) and answers by status of one call type.</summary>
internal sealed class CallSamples
{
    public List<int> LatencyMicros { get; } = new(capacity: 1 << 16);

    public Dictionary<int, long> ByStatus { get; } = [];

    public List<string> ErrorSamples { get; } = [];

    public void Add(int status, TimeSpan elapsed)
    {
        LatencyMicros.Add((int)Math.Min(int.MaxValue, elapsed.Ticks / TimeSpan.TicksPerMicrosecond));
        ByStatus[status] = ByStatus.GetValueOrDefault(status) + 1;
    }
}

/// <summary>Whether the phase's timed window is open; flipped by the phase runner, read by every worker.</summary>
internal sealed class PhaseWindow
{
    private volatile bool recording;

    public bool Recording
    {
        get => recording;
        set => recording = value;
    }
}
