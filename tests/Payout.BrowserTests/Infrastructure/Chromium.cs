using Microsoft.Playwright;

namespace Payout.BrowserTests.Infrastructure;

/// <summary>
/// Debian's Chromium, driven by Playwright through <c>ExecutablePath</c>: Playwright's own browser downloads are not
/// reachable from our machines. Preferably its <c>chromium-headless-shell</c> package (the headless shell Playwright
/// itself runs headless tests on, about 40 % less CPU than the full browser); scripts/test.sh installs it when missing.
/// </summary>
public static class Chromium
{
    private const string HeadlessShell = "/usr/bin/chromium-headless-shell";

    /// <summary>Where the browser is: <c>PAYOUT_CHROMIUM</c>, else the headless shell, else the full browser.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("PAYOUT_CHROMIUM") is { Length: > 0 } path ? path
        : File.Exists(HeadlessShell) ? HeadlessShell
        : "/usr/bin/chromium";

    /// <summary>
    /// Headless, with a fresh profile (Playwright's default), and without the background traffic Chromium sends to Google's hosts (update
    /// checks, sync, field trials): nothing may leave this machine.
    /// </summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ExecutablePath}: install Debian's package (apt-get install chromium-headless-shell), or set PAYOUT_CHROMIUM.");
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
