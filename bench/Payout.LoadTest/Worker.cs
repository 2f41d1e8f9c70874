using System.Diagnostics;

namespace Payout.LoadTest;

/// <summary>One closed-loop client: sends a request, waits for the whole answer, records it, sends the next.</summary>
internal sealed class Worker(int index, HttpClient http, CallRecorder recorder)
{
    public int Index { get; } = index;

    public CallRecorder Recorder { get; } = recorder;

    private int turns;

    /// <summary>0, 1, 2, … : which of its customers the client takes next.</summary>
    public int NextTurn() => turns++;

    /// <summary>Sends and reads the whole body; the request is disposed. Status 0 means no HTTP answer.</summary>
    public async Task<(int Status, byte[] Body)> SendAsync(string call, HttpRequestMessage request)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            var status = (int)response.StatusCode;
            Recorder.Record(call, status, Stopwatch.GetElapsedTime(started), body);
            return (status, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Recorder.RecordFailure(call, Stopwatch.GetElapsedTime(started), e.Message);
            return (0, []);
        }
        finally
        {
            request.Dispose();
        }
    }
}
