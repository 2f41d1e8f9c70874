using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Payout.IntegrationTests.Infrastructure;

/// <summary>
/// A built service (Payout.Api or Payout.Sandbox) run as a real OS process on a free loopback port, so a test
/// can kill it with SIGKILL and start it again — what no in-process host can show.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly string project;
    private readonly IReadOnlyList<string> arguments;
    private Process? process;

    public ServiceProcess(string project, IEnumerable<string> arguments, int? port = null)
    {
        this.project = project;
        Port = port ?? FreePort();
        this.arguments = [.. arguments, "--urls", BaseAddress.ToString()];
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string Output { get; private set; } = "";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StartAsync(string readyPath, TimeSpan within)
    {
        var dll = BuiltDll(project);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Output += e.Data + "\n";
        process.ErrorDataReceived += (_, e) => Output += e.Data + "\n";
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        await EventuallyAsync(() => NotReadyAsync(http, readyPath), notReady => notReady is null, within, $"{project} answered {readyPath}");
    }

    /// <returns>Null once the service answers; otherwise why not, with what it wrote so far.</returns>
    private async Task<string?> NotReadyAsync(HttpClient http, string readyPath)
    {
        if (process is { HasExited: true } exited)
        {
            throw new InvalidOperationException($"{project} exited with {exited.ExitCode}:\n{Output}");
        }

        try
        {
            using var response = await http.GetAsync(readyPath);
            return (int)response.StatusCode < 500 ? null : $"answered {(int)response.StatusCode}; its output:\n{Output}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"{e.GetType().Name}; its output:\n{Output}";
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush, no finally blocks — a crash.</summary>
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

    /// <summary>The project's own build output, in the configuration these tests were built in.</summary>
    private static string BuiltDll(string project)
    {
        var testOutput = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var framework = Path.GetFileName(testOutput);
        var configuration = Path.GetFileName(Path.GetDirectoryName(testOutput)!);
        var root = new DirectoryInfo(testOutput);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Payout.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Payout.sln not found above the test output."),
            "src", project, "bin", configuration, framework, project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build {project} first.", dll);
    }
}
