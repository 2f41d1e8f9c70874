using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Payout.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Payout.IntegrationTests.Hostile;

/// <summary>
/// Issue 11's generated hostile-input suite: for every operation of <c>docs/openapi.json</c> (the operator's also through
/// a console session, as the console calls them), the console's own session routes (<see cref="ConsoleRoutes"/>) and
/// every operations endpoint the service maps beside them, thousands of requests that are each a valid request with one hostile change
/// — wrong JSON types, missing and extra members, huge, tiny and over-precise numbers, long strings, broken Unicode and
/// control characters, injection strings, malformed, truncated, duplicate-key and deeply nested JSON, bodies over
/// 64 KiB, wrong content types and charsets, form for JSON and back, missing, garbage, duplicated and oversized
/// headers, absurd query values, wrong methods and other customers' ids. Every answer: never a 5xx, a refused request a
/// 4xx, every error the spec's body without exception text. Afterwards no balance has moved and the ledger holds.
/// The seed is printed; <c>PAYOUT_HOSTILE_SEED=n</c> sends the same requests again, a failure prints the first offending
/// requests in full, and <c>PAYOUT_HOSTILE_REPORT=file</c> writes all of them to a file.
/// </summary>
public sealed partial class HostileInputTests(HostileInputTests.App app, ITestOutputHelper output) : IClassFixture<HostileInputTests.App>
{
    private const int MinimumRequests = 1000;

    /// <summary>Every request comes from a handful of customers: the per-customer rate limit would answer most of them.</summary>
    public sealed class App : PayoutApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["RateLimits:PerCustomerPerMinute"] = "100000000" };
    }

    [Fact]
    public async Task Generated_hostile_requests_over_every_operation_are_refused_with_the_error_body_and_move_nothing()
    {
        var seed = Seed();
        output.WriteLine($"Hostile input seed: {seed} (PAYOUT_HOSTILE_SEED={seed} sends the same requests again)");
        var operations = Operations();
        var victim = await ActorAsync(card: true, offer: true, operation: true, console: true);
        var ended = await SignInToConsoleAsync();
        await SignOutOfConsoleAsync(ended);
        var actors = new List<Actor>();
        foreach (var operation in operations)
        {
            actors.Add(await ActorFor(operation));
        }

        var customers = actors.Append(victim).Select(a => a.Customer.Id).ToList();
        var before = await SnapshotAsync(customers);
        var groups = Generate(seed, operations, actors, victim, ended);
        var total = groups.Sum(g => g.Count);
        var thin = operations.Where((_, i) => groups[i].Count < 20).Select(o => o.Name).ToList();
        Assert.True(thin.Count == 0, "Operations with fewer than 20 hostile requests: " + string.Join(", ", thin));
        output.WriteLine($"{total} requests over {operations.Count} operations and {groups.Count - operations.Count} more groups");

        var watch = Stopwatch.StartNew();
        var results = await SendAllAsync(groups);
        output.WriteLine($"Sent in {watch.Elapsed.TotalSeconds:F1} s");
        Summarize(results);

        var failures = results.Where(r => r.Problem is not null).ToList();
        if (Environment.GetEnvironmentVariable("PAYOUT_HOSTILE_REPORT") is { Length: > 0 } report)
        {
            await File.WriteAllTextAsync(report, string.Join("\n", failures.Select(f => f.Describe())));
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {total} hostile requests were answered wrongly (seed {seed}):\n\n"
            + string.Join("\n", failures.Take(15).Select(f => f.Describe())));
        Assert.True(total >= MinimumRequests, $"Only {total} requests were generated.");
        Assert.Equal(before, await SnapshotAsync(customers));
        await AssertInvariantHoldsAsync();
    }

    /// <summary>
    /// The console's routes are every JSON route it maps besides the operator API: a new one fails here until
    /// <see cref="ConsoleRoutes"/> describes it, so it is attacked like the rest.
    /// </summary>
    [Fact]
    public void The_suite_describes_every_route_of_the_console()
    {
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Path: "/" + e.RoutePattern.RawText!.Trim('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .Where(e => e.Path.StartsWith(ConsoleRoutes.ApiPrefix, StringComparison.Ordinal))
            .SelectMany(e => e.Methods.Select(method => $"{method} {e.Path}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(ConsoleRoutes.Operations().Select(o => o.Name).Order(StringComparer.Ordinal), mapped);
    }

    /// <summary>
    /// The document's operations, then the console's session routes, then every operator operation again as the console
    /// sends it (its session and CSRF token in place of the key).
    /// </summary>
    private static List<ApiOperation> Operations()
    {
        var documented = ApiDescription.Operations();
        return
        [
            .. documented,
            .. ConsoleRoutes.Operations(),
            .. documented.Where(o => o.Security == ApiSecurity.AdminKey).Select(ConsoleRoutes.ThroughSession),
        ];
    }

    /// <summary>Per operation, in document order, from one seeded random source: the same seed gives the same requests.</summary>
    private List<List<(int Number, HostileCase Case)>> Generate(int seed, IReadOnlyList<ApiOperation> operations, List<Actor> actors, Actor victim, ConsoleSession ended)
    {
        var random = new Random(seed);
        var generator = new HostileCases(random, victim, ended);
        var groups = operations.Select((operation, i) => generator.For(operation, actors[i]).ToList()).ToList();
        groups.AddRange(operations.Select((operation, i) => (operation, actors[i]))
            .GroupBy(o => o.operation.Path)
            .Select(path => HostileCases.WrongMethods([.. path.Select(p => p.operation)], path.First().Item2).ToList()));
        groups.AddRange(PlumbingCases(operations, actors[0]));
        var number = 0;
        // Refused requests first in each group: a tolerated one may end the actor's session (a sign-out with junk in the query).
        return [.. groups.Select(g => g.OrderBy(c => c.Expect).Select(c => (++number, c)).ToList())];
    }

    /// <summary>
    /// The operations endpoints the service maps beside the document (probes, metrics, the document, the docs page):
    /// wrong methods, junk headers and query, and names that are not there (<c>/openapi/v2.json</c>).
    /// </summary>
    private IEnumerable<List<HostileCase>> PlumbingCases(IReadOnlyList<ApiOperation> operations, Actor anyone)
    {
        var described = operations.Select(o => o.Path).ToHashSet();
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.RoutePattern.RawText!.TrimStart('/').StartsWith("sandbox-network", StringComparison.Ordinal))
            .Where(e => !described.Contains(CommittedOpenApi.OpenApiPath(e.RoutePattern.RawText!).TrimEnd('/')))
            .GroupBy(e => e.RoutePattern.RawText!);
        foreach (var route in routes)
        {
            var path = "/" + route.Key.TrimStart('/');
            var concrete = RouteParameter().Replace(path, m => m.Groups[1].Value == "documentName" ? "v1" : "x");
            var methods = route.SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Distinct();
            var plumbing = methods.Select(m => ApiOperation.Plumbing(concrete) with { Method = m }).ToList();
            var cases = HostileCases.WrongMethods(plumbing, anyone).Select(c => c with { Class = "wrong-method (operations)" }).ToList();
            var draft = BaseRequests.For(plumbing[0], anyone);
            cases.Add(new HostileCase("garbage-header (operations)", draft.WithHeader("X-HTTP-Method-Override", "DELETE").WithHeader("X-Junk", new string('j', 20_000)), Expectation.Tolerated));
            cases.Add(new HostileCase("absurd-query (operations)", draft.WithQuery("documentName", "v2").WithQuery("q", "%00"), Expectation.Tolerated));
            if (concrete.Contains("/v1.json", StringComparison.Ordinal))
            {
                foreach (var name in new[] { "v2", "v0", "v1%01", "..%2Fv1", new string('v', 1001) })
                {
                    cases.Add(new HostileCase("unknown-document", draft with { Operation = draft.Operation with { Path = concrete.Replace("v1", name, StringComparison.Ordinal) } }, Expectation.Refused, 404));
                }
            }

            yield return cases;
        }
    }

    private async Task<List<Result>> SendAllAsync(List<List<(int Number, HostileCase Case)>> groups)
    {
        var results = new ConcurrentBag<Result>();
        // Groups run side by side (each operation has its own actor); within a group, in order, so outcomes repeat too.
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (group, _) =>
        {
            // Cookies are whatever each request's reproducer says, never what an earlier answer set.
            using var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
            foreach (var (number, hostile) in group)
            {
                results.Add(await SendAsync(client, number, hostile));
            }
        });
        return [.. results.OrderBy(r => r.Number)];
    }

    private static async Task<Result> SendAsync(HttpClient client, int number, HostileCase hostile)
    {
        try
        {
            using var request = hostile.Draft.ToMessage();
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return new Result(number, hostile, (int)response.StatusCode, body, AnswerCheck.Problem(hostile, response, body));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The test host rethrows what the service let escape (and what the undocumented-answer check throws).
            var cause = e.InnerException is { } inner ? $" ({inner.GetType().Name}: {inner.Message})" : "";
            return new Result(number, hostile, 0, "", $"failed with {e.GetType().Name}: {e.Message}{cause}");
        }
    }

    private void Summarize(List<Result> results)
    {
        foreach (var kind in results.GroupBy(r => r.Case.Class).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var statuses = string.Join(", ", kind.GroupBy(r => r.Status).OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Count()}"));
            output.WriteLine($"  {kind.Key,-28} {kind.Count(),5}  {statuses}");
        }
    }

    private async Task<Actor> ActorFor(ApiOperation operation)
    {
        var names = operation.Parameters.Select(p => p.Name).Concat(operation.Body?.Properties.Select(p => p.Name) ?? []).ToHashSet();
        var needsOperation = names.Contains("operationId");
        var needsOffer = needsOperation || names.Contains("offerId");
        return await ActorAsync(needsOffer || names.Contains("cardId"), needsOffer, needsOperation, operation.Security == ApiSecurity.ConsoleSession);
    }

    private async Task<Actor> ActorAsync(bool card, bool offer, bool operation, bool console = false)
    {
        var customer = await app.CreateCustomerAsync();
        if (operation)
        {
            await app.DepositAsync(customer.Id, "USDT", 1_000m);
        }

        var token = await app.SignInAsync(customer);
        using var client = app.ClientWithToken(token.AccessToken);
        var cardId = card ? await app.AddCardAsync(client) : Actor.Nobody;
        var offerId = offer ? (await app.OfferAsync(client, cardId, 10m)).GetProperty("offerId").GetInt64() : Actor.Nobody;
        var operationId = Actor.Nobody;
        if (operation)
        {
            var paid = await app.PayAsync(client, (await app.OfferAsync(client, cardId, 100m)).GetProperty("offerId").GetInt64());
            operationId = (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("operationId").GetInt64();
            Assert.NotEqual("PENDING", (await app.WaitForFinalAsync(client, operationId)).GetProperty("status").GetString());
        }

        return new Actor(customer, token, cardId, offerId, operationId, console ? await SignInToConsoleAsync() : null);
    }

    /// <summary>As the console's page signs in: the operator key for the session's cookies and its CSRF token.</summary>
    private async Task<ConsoleSession> SignInToConsoleAsync()
    {
        using var page = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var response = await page.PostAsJsonAsync(ConsoleRoutes.SessionPath, new { key = PayoutApp.AdminKey });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString()!;
        return ConsoleSession.From(response.Headers.GetValues("Set-Cookie"), token);
    }

    private async Task SignOutOfConsoleAsync(ConsoleSession session)
    {
        using var page = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Delete, ConsoleRoutes.SessionPath);
        request.Headers.Add("Cookie", session.Cookie);
        request.Headers.Add(ConsoleSession.CsrfHeader, session.CsrfToken);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await page.SendAsync(request)).StatusCode);
    }

    /// <summary>Every balance a hostile request could move: the customers' wallets and the network float.</summary>
    private async Task<string> SnapshotAsync(IEnumerable<long> customers)
    {
        using var admin = app.AdminClient();
        var parts = new List<string> { await admin.GetStringAsync("/admin/v1/network-float") };
        foreach (var customer in customers)
        {
            parts.Add(await admin.GetStringAsync($"/admin/v1/customers/{customer}/balances"));
        }

        return string.Join("\n", parts);
    }

    private async Task AssertInvariantHoldsAsync()
    {
        using var admin = app.AdminClient();
        var invariant = await admin.GetFromJsonAsync<JsonElement>("/admin/v1/ledger/invariant");
        Assert.True(invariant.GetProperty("holds").GetBoolean(), invariant.ToString());
    }

    private static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("PAYOUT_HOSTILE_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Random.Shared.Next();

    /// <summary>A route parameter with its constraints and markers: <c>{documentName:regex(^v1$)}</c>, <c>{**path}</c>, <c>{name?}</c>.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\{\**(\w+)[^}]*\}")]
    private static partial System.Text.RegularExpressions.Regex RouteParameter();

    private sealed record Result(int Number, HostileCase Case, int Status, string Body, string? Problem)
    {
        public string Describe() =>
            $"#{Number} [{Case.Class}, {Case.Expect}] {Problem}\n{Case.Draft.Describe()}→ {Status} {(Body.Length > 300 ? Body[..300] + "…" : Body)}\n";
    }
}
