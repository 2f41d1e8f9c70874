using System.Diagnostics;

namespace Payout.Soak;

/// <summary>
/// A durable throwaway PostgreSQL cluster of its own (scripts/lib/postgres.sh), which the soak may crash
/// (<c>pg_ctl stop -m immediate</c>) and start again — never the test suite's shared one.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string library;
    private readonly string binDirectory;
    private readonly string tempDirectory;

    private ThrowawayPostgres(string library, string binDirectory, string tempDirectory, int port)
    {
        this.library = library;
        this.binDirectory = binDirectory;
        this.tempDirectory = tempDirectory;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password=postgres;Database={database};Timeout=5;Command Timeout=20";

    public static async Task<ThrowawayPostgres> StartAsync(string repositoryRoot)
    {
        var library = Path.Combine(repositoryRoot, "scripts", "lib", "postgres.sh");
        var output = await BashAsync(library, "pg_ensure_installed >&2 && pg_start_throwaway --durable >&2 && echo \"$PG_BINDIR|$PG_TMPDIR|$PG_PORT\"");
        var parts = output.Trim().Split('|');
        return new ThrowawayPostgres(library, parts[0], parts[1], int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A crash: no checkpoint, no goodbye to the clients; the next start recovers from the WAL.</summary>
    public Task CrashAsync() => BashAsync(library, $"{Variables} pg_crash_throwaway");

    public Task ResumeAsync() => BashAsync(library, $"{Variables} pg_resume_throwaway");

    public async ValueTask DisposeAsync() => await BashAsync(library, $"{Variables} _pg_owner_again; pg_stop_throwaway");

    private string Variables => $"PG_BINDIR='{binDirectory}'; PG_TMPDIR='{tempDirectory}'; PG_PORT='{Port}';";

    private static async Task<string> BashAsync(string library, string script)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"source '{library}' && {script}");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"PostgreSQL: '{script}' failed ({process.ExitCode}): {await errors}");
    }
}
