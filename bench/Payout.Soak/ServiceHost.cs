using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Payout.Soak;

/// <summary>A built service (Payout.Api or Payout.Sandbox) as an OS process on a fixed loopback port, to kill -9 and start again.</summary>
public sealed class ServiceHost : IDisposable
{
    private readonly string dll;
    private readonly IReadOnlyList<string> arguments;
    private readonly string readyPath;
    private readonly List<string> unhandled = [];
    private Process? process;

    public ServiceHost(SoakOptions options, string project, IEnumerable<string> arguments, string readyPath)
    {
        dll = Path.Combine(options.RepositoryRoot, "src", project, "bin", options.Configuration, "net10.0", project + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build {project} in {options.Configuration} first.", dll);
        }

        Name = project;
        Port = FreePort();
        this.arguments = [.. arguments, "--urls", BaseAddress.ToString()];
        this.readyPath = readyPath;
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public bool IsRunning => process is { HasExited: false };

    /// <summary>The last lines it wrote (warnings and errors), for a failure message.</summary>
    public Queue<string> Tail { get; } = new();

    /// <summary>
    /// The first exceptions the service answered with 500 (its error handler's "Unhandled exception" lines), each as the
    /// request and the exception's first lines: the cause of a 500 a client saw, which the tail has often scrolled past by
    /// the time the checks end.
    /// </summary>
    public IReadOnlyList<string> Unhandled
    {
        get
        {
            lock (Tail)
            {
                return [.. unhandled];
            }
        }
    }

    public async Task StartAsync(TimeSpan within)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitReadyAsync(within);
    }

    /// <summary>The last <paramref name="count"/> lines it wrote, for a failure message.</summary>
    public IReadOnlyList<string> LastLines(int count)
    {
        lock (Tail)
        {
            return [.. Tail.TakeLast(count)];
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush — a crash.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        process?.Dispose();
    }

    private async Task WaitReadyAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:\n{string.Join('\n', Tail)}");
            }

            try
            {
                using var response = await http.GetAsync(readyPath);
                if ((int)response.StatusCode < 500)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name} did not answer within {within}:\n{string.Join('\n', Tail)}");
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (Tail)
        {
            if (line.Contains("Unhandled exception", StringComparison.Ordinal) && unhandled.Count < 10)
            {
                unhandled.Add(Condense(line));
            }

            Tail.Enqueue(line);
            while (Tail.Count > 200)
            {
                Tail.Dequeue();
            }
        }
    }

    /// <summary>A JSON log line as its message and the exception's lines that name a type (the outer one and its inner ones).</summary>
    private static string Condense(string line)
    {
        try
        {
            using var entry = JsonDocument.Parse(line);
            var root = entry.RootElement;
            var exception = root.TryGetProperty("Exception", out var e) ? e.GetString() ?? "" : "";
            var causes = exception.Split('\n').Select(l => l.Trim()).Where(l => !l.StartsWith("at ", StringComparison.Ordinal) && l.Contains("Exception", StringComparison.Ordinal));
            return $"{root.GetProperty("Message").GetString()}: {string.Join(" ", causes.Take(4))}";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return line;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
