using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Payout.BrowserTests.Infrastructure;

/// <summary>axe-core's checks (WCAG 2.1 A and AA rules), run in the page as it is shown.</summary>
public static class Accessibility
{
    public static async Task AssertNoViolationsAsync(IPage page, string where)
    {
        var results = await page.RunAxe();
        var violations = results.Violations.Select(v =>
            $"{where}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }
}
