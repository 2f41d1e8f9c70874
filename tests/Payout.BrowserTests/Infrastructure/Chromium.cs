using Microsoft.Playwright;

namespace Payout.BrowserTests.Infrastructure;

/// <summary>
/// Debian's <c>chromium</c> package, driven by Playwright through <c>ExecutablePath</c>: Playwright's own browser
/// downloads are not reachable from our machines. scripts/test.sh installs the package when it is missing.
/// </summary>
public static class Chromium
{
    /// <summary>Where the browser is; <c>PAYOUT_CHROMIUM</c> overrides it.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("PAYOUT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>
    /// Headless, with a fresh profile (Playwright's default), and without the background traffic Chromium sends to Google's hosts (update
    /// checks, sync, field trials): nothing may leave this machine.
    /// </summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ExecutablePath}: install Debian's package (apt-get install chromium), or set PAYOUT_CHROMIUM.");
        }

        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
            ],
        });
    }
}

/// <summary>artifacts/console/ of the repository: the screenshots of a test run.</summary>
public static class Artifacts
{
    public static string Folder { get; } = Create();

    private static string Create()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Payout.sln")))
        {
            directory = directory.Parent;
        }

        var folder = Path.Combine(directory?.FullName ?? Path.GetTempPath(), "artifacts", "console");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
