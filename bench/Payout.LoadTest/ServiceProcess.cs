using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Payout.LoadTest;

/// <summary>
/// A .NET app started as its own process (<c>dotnet app.dll --urls http://127.0.0.1:port</c>), its output in a log
/// file. The process is the app itself, so its pid is what /proc is read for.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServiceProcess(Process process, Uri baseAddress, string logFile)
    {
        this.process = process;
        BaseAddress = baseAddress;
        LogFile = logFile;
    }

    public Uri BaseAddress { get; }

    public string LogFile { get; }

    public int Pid => process.Id;

    public static async Task<ServiceProcess> StartAsync(
        string dll, IReadOnlyDictionary<string, string> environment, string logFile, string? pidFile, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var process = Launch(dll, ["--urls", baseAddress.AbsoluteUri.TrimEnd('/')], environment, logFile, pidFile);
        var service = new ServiceProcess(process, baseAddress, logFile);
        try
        {
            await service.WaitUntilLiveAsync(cancellationToken);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a command of the app (e.g. <c>migrate</c>) to its end; a non-zero exit throws with the log's tail.</summary>
    public static async Task RunToEndAsync(
        string dll, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string logFile, string? pidFile,
        CancellationToken cancellationToken)
    {
        using var process = Launch(dll, arguments, environment, logFile, pidFile);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new LoadTestException($"'{Path.GetFileName(dll)} {string.Join(' ', arguments)}' exited with {process.ExitCode}:\n{Tail(logFile)}");
        }
    }

    public TimeSpan CpuTime() => ProcFs.CpuTime(Pid);

    public double? ResidentMb() => ProcFs.MemoryMb(Pid, "VmRSS");

    public double? PeakResidentMb() => ProcFs.MemoryMb(Pid, "VmHWM");

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static Process Launch(
        string dll, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string logFile, string? pidFile)
    {
        // exec: the shell becomes dotnet, so the pid we hold is the app's; the shell only redirects the output.
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet \"$@\" >>\"$LOADTEST_LOG\" 2>&1");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LOADTEST_LOG"] = logFile;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new LoadTestException($"could not start {dll}");
        if (pidFile is not null)
        {
            File.AppendAllText(pidFile, process.Id.ToString(CultureInfo.InvariantCulture) + "\n");
        }

        return process;
    }

    private async Task WaitUntilLiveAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new LoadTestException($"{BaseAddress} exited with {process.ExitCode} while starting:\n{Tail(LogFile)}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health/live", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK || response.StatusCode == HttpStatusCode.NotFound)
                {
                    return; // 404: an app without a health route (the reference) that is up
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new LoadTestException($"{BaseAddress} did not answer within 90 s:\n{Tail(LogFile)}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Tail(string logFile) =>
        File.Exists(logFile) ? string.Join('\n', File.ReadLines(logFile).TakeLast(30)) : "(no log)";
}
