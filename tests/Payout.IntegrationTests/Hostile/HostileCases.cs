using System.Globalization;
using System.Text;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;
using static Payout.IntegrationTests.Hostile.HostileValues;

namespace Payout.IntegrationTests.Hostile;

/// <summary>
/// Generates the hostile requests for one operation of the document, each the operation's valid base request with one
/// hostile change. The classes follow issue 11's list. Everything is derived from the document and the seeded
/// <paramref name="random"/> (which value goes where, where a body is cut, which bytes a fuzz body has), so a seed
/// gives the same requests every run. <paramref name="victim"/> owns the ids and the console session other actors must
/// not reach; <paramref name="endedSession"/> is a console session that was signed out.
/// </summary>
public sealed class HostileCases(Random random, Actor victim, ConsoleSession endedSession)
{
    private static readonly string[] NotInt64s = ["abc", "1.5", "1e400", "0x10", "%2B%2B1", "9223372036854775808"];
    private static readonly string[] NotInt32s = [.. NotInt64s, "2147483648"];
    private static readonly string[] AllMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD", "PROPFIND", "FOO"];

    /// <summary>Where each value list's rotation stands: each member gets the next few values, so a run uses every one.</summary>
    private readonly Dictionary<object, int> rotations = [];

    public IEnumerable<HostileCase> For(ApiOperation operation, Actor actor)
    {
        var draft = BaseRequests.For(operation, actor);
        var cases = new List<HostileCase>();
        cases.AddRange(WrongTypes(draft));
        cases.AddRange(MissingMembers(draft));
        cases.AddRange(ExtraMembers(draft));
        cases.AddRange(Numbers(draft));
        cases.AddRange(LongStrings(draft));
        cases.AddRange(BadText(draft));
        cases.AddRange(MalformedBodies(draft));
        cases.AddRange(ContentTypes(draft));
        cases.AddRange(Headers(draft, actor));
        cases.AddRange(QueryValues(draft));
        cases.AddRange(PathValues(draft));
        cases.AddRange(OtherCustomersIds(draft));
        cases.AddRange(Fuzz(draft));
        cases.AddRange(Injections(draft));
        cases.AddRange(Tolerated(draft));
        return cases;
    }

    /// <summary>Every method the document does not list for a path: 405 with the error body.</summary>
    public static IEnumerable<HostileCase> WrongMethods(IReadOnlyList<ApiOperation> sameOperations, Actor actor)
    {
        var listed = sameOperations.Select(o => o.Method).ToHashSet();
        var draft = BaseRequests.For(sameOperations[0], actor);
        return AllMethods.Where(m => !listed.Contains(m) && !(m == "HEAD" && listed.Contains("HEAD")))
            .Select(method => new HostileCase("wrong-method", draft with { Method = method }, Expectation.Refused, 405));
    }

    private static IEnumerable<HostileCase> WrongTypes(Draft draft)
    {
        if (draft.Operation.Body is not { IsJson: true } body)
        {
            yield break;
        }

        foreach (var property in body.Properties)
        {
            foreach (var value in WrongValuesFor(property))
            {
                yield return Refused("wrong-type", draft.WithMember(property.Name, Utf8(value)));
            }
        }
    }

    private static IEnumerable<string> WrongValuesFor(ApiProperty property)
    {
        string[] values = property.Type switch
        {
            "string" => ["12345", "true", "{}", "[\"x\"]", "[]"],
            "integer" or "number" => ["\"10\"", "true", "{}", "[10]", "\"\""],
            "boolean" => ["\"true\"", "1"],
            _ => ["true", "{}", "[]", "[4012888888881881]"],
        };
        return property.Required ? [.. values, "null"] : values;
    }

    private static IEnumerable<HostileCase> MissingMembers(Draft draft)
    {
        if (draft.Operation.Body is not { } body)
        {
            yield break;
        }

        foreach (var property in body.Properties.Where(p => p.Required))
        {
            yield return Refused("missing", draft.WithoutMember(property.Name));
        }

        // What the document calls optional in a JSON body, the service must not demand (the path names nothing, so nothing
        // moves). Not for the token form: its fields depend on grant_type, as its description says.
        foreach (var property in body.Properties.Where(p => !p.Required && body.IsJson))
        {
            yield return new HostileCase("optional-missing", BaseRequests.NamingNothing(draft).WithoutMember(property.Name), Expectation.Tolerated, NotAbout: property.Name);
        }

        if (body.Properties.Any(p => p.Required))
        {
            yield return Refused("missing", draft with { Members = [] });
            yield return Refused("missing", draft with { Members = null, ContentType = null });
            yield return Refused("missing", draft with { RawBody = [] });
        }
    }

    private static IEnumerable<HostileCase> ExtraMembers(Draft draft)
    {
        if (draft.Operation.Body is not { } body || body.Properties.Count == 0)
        {
            yield break;
        }

        var first = body.Properties[0].Name;
        var firstValue = draft.Members!.First(m => m.Name == first).Raw;
        // The same member again, by another case of its name (binding matches names without regard to case).
        yield return Refused("duplicate-key", draft.WithExtraMember(first.ToUpperInvariant(), firstValue));
        foreach (var property in body.Properties)
        {
            var value = draft.Members!.First(m => m.Name == property.Name).Raw;
            yield return Refused("duplicate-key", draft.WithExtraMember(property.Name, value));
        }

        if (body.IsJson)
        {
            yield return Refused("extra", draft.WithExtraMember("x\\u0000", Utf8("1")));
            yield return Refused("extra", draft.WithExtraMember("note", Utf8("\"\\u0000\"")));
            yield return Refused("extra", draft.WithExtraMember("note", Utf8("\"\\ud800\"")));
            yield return Refused("extra", draft.WithExtraMember("note", Utf8(Nested(40))));
            yield return Refused("extra", draft.WithExtraMember("note", Utf8("\"" + new string('a', 1001) + "\"")));
        }
        else
        {
            yield return Refused("extra", draft.WithExtraMember("note", Utf8("%00")));
        }
    }

    private IEnumerable<HostileCase> Numbers(Draft draft)
    {
        if (draft.Operation.Body is not { IsJson: true } body)
        {
            yield break;
        }

        foreach (var property in body.Properties)
        {
            var values = property.Type switch
            {
                "integer" => [.. BadNumbers, "1.5", "1e3"],
                // 0 is a bad amount but a valid band: a member whose documented minimum is 0 takes it.
                "number" => property.AllowsZero ? [.. BadNumbers.Except(["0", "-0"])] : BadNumbers,
                "any" => BadCardNumbers,
                _ => [],
            };
            foreach (var value in values)
            {
                yield return Refused("number", draft.WithMember(property.Name, Utf8(value)));
            }
        }
    }

    private static IEnumerable<HostileCase> LongStrings(Draft draft)
    {
        foreach (var property in TextMembers(draft))
        {
            foreach (var length in new[] { 1001, 10_000 })
            {
                var text = new string('a', length);
                yield return Refused("long-string", draft.WithMember(property.Name, draft.IsForm ? Utf8(text) : Utf8("\"" + text + "\"")));
            }
        }
    }

    private IEnumerable<HostileCase> BadText(Draft draft)
    {
        foreach (var property in TextMembers(draft))
        {
            var text = PlainValue(draft, property.Name);
            var at = random.Next(text.Length + 1);
            var (before, after) = (text[..at], text[at..]);
            if (draft.IsForm)
            {
                foreach (var bad in Next(PercentBadText, 8))
                {
                    yield return Refused("bad-text", draft.WithMember(property.Name, Utf8(Uri.EscapeDataString(before) + bad + Uri.EscapeDataString(after))));
                }

                foreach (var bytes in Next(RawBadBytes, 4))
                {
                    yield return Refused("bad-text", draft.WithMember(property.Name, [.. Utf8(Uri.EscapeDataString(before)), .. bytes, .. Utf8(Uri.EscapeDataString(after))]));
                }

                continue;
            }

            foreach (var escape in Next(EscapedBadText, 8))
            {
                yield return Refused("bad-text", draft.WithMember(property.Name, Utf8("\"" + before + escape + after + "\"")));
            }

            foreach (var bytes in Next(RawBadBytes, 4))
            {
                yield return Refused("bad-text", draft.WithMember(property.Name, JsonString(before, bytes, after)));
            }
        }
    }

    private IEnumerable<HostileCase> MalformedBodies(Draft draft)
    {
        if (draft.Operation.Body is not { } body)
        {
            yield break;
        }

        var valid = draft.BodyBytes!;
        var huge = draft.WithExtraMember("padding", draft.IsForm ? Utf8(new string('a', 70_000)) : Utf8("\"" + new string('a', 70_000) + "\""));
        yield return Refused("oversized", huge);
        yield return Refused("oversized", huge with { Chunked = true });
        yield return Refused("oversized", draft with { RawBody = [.. valid, .. Enumerable.Repeat((byte)' ', 70_000)], Chunked = true });
        if (!body.IsJson)
        {
            yield return Refused("malformed", draft with { RawBody = Utf8(string.Join("&", Enumerable.Range(0, 2000).Select(i => $"f{i}=1"))) });
            yield return Refused("malformed", draft with { RawBody = Utf8("{\"grant_type\": \"mobile_phone\"}") });
            yield return Refused("malformed", draft with { RawBody = Utf8("%") });
            yield return Refused("malformed", draft with { RawBody = Utf8("=&=&&") });
            yield break;
        }

        foreach (var cut in Enumerable.Range(0, 3).Select(_ => random.Next(1, valid.Length)))
        {
            yield return Refused("truncated", draft with { RawBody = valid[..cut] });
        }

        foreach (var text in MalformedJson)
        {
            yield return Refused("malformed", draft with { RawBody = Utf8(text) });
        }

        yield return Refused("malformed", draft with { RawBody = [.. valid, .. "x"u8] });
        yield return Refused("malformed", draft with { RawBody = [.. valid, .. valid] });
        yield return Refused("malformed", draft with { RawBody = Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(valid)) });
        yield return Refused("malformed", draft with { RawBody = [.. valid[..^1], 0x00, (byte)'}'] });
        yield return Refused("deep-nesting", draft with { RawBody = Utf8(Nested(10_000)) });
        yield return Refused("deep-nesting", draft.WithMember(body.Properties[0].Name, Utf8(Nested(33))));
        yield return Refused("deep-nesting", draft.WithMember(body.Properties[0].Name,
            Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40))));
    }

    private static IEnumerable<HostileCase> ContentTypes(Draft draft)
    {
        if (draft.Operation.Body is not { } body)
        {
            yield break;
        }

        var form = Utf8(string.Join("&", draft.Members!.Select(m => m.Name + "=" + Uri.EscapeDataString(Encoding.UTF8.GetString(m.Raw).Trim('"')))));
        var multipart = Utf8("--b\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nmobile_phone\r\n--b--\r\n");
        var types = body.IsJson
            ? new[] { "text/plain", "application/xml", "application/jsonx", "*/*", "json", "application/json, text/plain", "application/json; charset=bogus-42",
                "application/json; charset=utf-16", "application/json; charset=iso-8859-1", "application/json; charset=utf-32", "application/json; charset=",
                "application/json; charset=\"bogus\"" }
            : ["text/plain", "application/json", "application/x-www-form-urlencoded; charset=bogus-42", "application/x-www-form-urlencoded; charset=utf-16"];
        foreach (var type in types)
        {
            yield return Refused("content-type", draft with { ContentType = type });
        }

        yield return Refused("content-type", draft with { ContentType = null });
        if (body.IsJson)
        {
            yield return Refused("form-for-json", draft with { RawBody = form, ContentType = "application/x-www-form-urlencoded" });
            yield return Refused("form-for-json", draft with { RawBody = multipart, ContentType = "multipart/form-data; boundary=b" });
        }
        else
        {
            yield return Refused("json-for-form", draft with { RawBody = Utf8(JsonSerializer.Serialize(draft.Members!.ToDictionary(m => m.Name, m => Uri.UnescapeDataString(Encoding.UTF8.GetString(m.Raw))))), ContentType = "application/json" });
            yield return Refused("json-for-form", draft with { RawBody = multipart, ContentType = "multipart/form-data; boundary=b" });
        }
    }

    private IEnumerable<HostileCase> Headers(Draft draft, Actor actor)
    {
        var operation = draft.Operation;
        switch (operation.Security)
        {
            case ApiSecurity.Bearer:
                var token = draft.Headers.First(h => h.Name == "Authorization").Value;
                foreach (var value in new[] { "Bearer", "Bearer garbage", "Bearer " + AlgNone(), "Basic dXNlcjpwYXNz", token + "x", token[..^4] + "AAAA",
                    "Bearer " + new string('a', 20_000), "X-Admin-Key " + PayoutApp.AdminKey })
                {
                    yield return Refused("auth-header", draft.ReplacingHeader("Authorization", value));
                }

                yield return Refused("auth-header", draft.WithoutHeader("Authorization"));
                yield return Refused("auth-header", draft.WithHeader("Authorization", token));
                yield return Refused("auth-header", draft.WithoutHeader("Authorization").WithHeader("X-Admin-Key", PayoutApp.AdminKey));
                break;
            case ApiSecurity.AdminKey:
                foreach (var value in new[] { "", "wrong-key-0123456789", PayoutApp.AdminKey + "x", new string('k', 20_000) })
                {
                    yield return Refused("admin-key-header", draft.ReplacingHeader("X-Admin-Key", value));
                }

                yield return Refused("admin-key-header", draft.WithoutHeader("X-Admin-Key"));
                yield return Refused("admin-key-header", draft.WithHeader("X-Admin-Key", PayoutApp.AdminKey));
                yield return Refused("admin-key-header", draft.WithoutHeader("X-Admin-Key").WithHeader("Authorization", "Bearer " + AlgNone()));
                break;
            case ApiSecurity.None:
                // Credentials a public route has no use for (the receipt key set, sign-in): ignored, never a 5xx.
                foreach (var (name, value) in new[]
                {
                    ("Authorization", "Bearer garbage"), ("Authorization", "Bearer " + AlgNone()), ("X-Admin-Key", "wrong-key-0123456789"),
                    ("Cookie", ConsoleSession.SessionCookieName + "=forged"),
                })
                {
                    yield return Tolerate("credentials-on-public-route", BaseRequests.NamingNothing(draft).WithHeader(name, value));
                }

                break;
            case ApiSecurity.ConsoleSession:
                foreach (var session in SessionCases(draft, actor.Session!))
                {
                    yield return session;
                }

                break;
        }

        foreach (var header in operation.In("header").Where(h => h.Required))
        {
            var valid = draft.Headers.First(h => h.Name == header.Name).Value;
            yield return Refused("required-header", draft.WithoutHeader(header.Name));
            foreach (var value in new[] { "", "banana", new string('9', 20_000), valid + "\u00e9" })
            {
                yield return Refused("required-header", draft.ReplacingHeader(header.Name, value));
            }

            yield return Refused("required-header", draft.WithHeader(header.Name, valid));
        }

        foreach (var header in operation.In("header").Where(h => !h.Required))
        {
            // " " stands for an empty value: the test host drops a header whose value is empty, and Kestrel trims one that is blank.
            foreach (var value in new[] { " ", new string('k', 256), "has space", "кл\u044e\u0447", "tab\there" })
            {
                yield return Refused("optional-header", draft.WithHeader(header.Name, value));
            }

            yield return Refused("optional-header", draft.WithHeader(header.Name, "first-key").WithHeader(header.Name, "second-key"));
        }
    }

    /// <summary>
    /// The console's credentials gone wrong: no session, a forged, ended or other session, a wrong key beside it (the key
    /// wins) — 401; and for a change, its CSRF token missing, forged, another session's, or somewhere else — 403.
    /// </summary>
    private IEnumerable<HostileCase> SessionCases(Draft draft, ConsoleSession own)
    {
        yield return Refused("session-header", draft.WithoutHeader("Cookie"), 401);
        yield return Refused("session-header", draft.ReplacingHeader("Cookie", own.WithSessionValue("forged")), 401);
        yield return Refused("session-header", draft.ReplacingHeader("Cookie", own.WithSessionValue(new string('c', 8_000))), 401);
        yield return Refused("session-header", draft.ReplacingHeader("Cookie", endedSession.Cookie).ReplacingHeader(ConsoleSession.CsrfHeader, endedSession.CsrfToken), 401);
        yield return Refused("session-header", draft.ReplacingHeader("Cookie", "x=1; " + own.WithSessionValue("%00%ED%A0%80")), 401);
        if (!draft.Operation.Path.StartsWith(ConsoleRoutes.ApiPrefix, StringComparison.Ordinal))
        {
            yield return Refused("session-header", draft.WithHeader("X-Admin-Key", "wrong-key-0123456789"), 401);
        }

        if (draft.Method is "GET" or "HEAD")
        {
            yield break;
        }

        yield return Refused("csrf-header", draft.WithoutHeader(ConsoleSession.CsrfHeader), 403);
        yield return Refused("csrf-header", draft.ReplacingHeader("Cookie", own.SessionCookie), 403);
        foreach (var token in new[] { "forged", " ", victim.Session!.CsrfToken, own.CsrfToken + "x", new string('t', 8_000) })
        {
            yield return Refused("csrf-header", draft.ReplacingHeader(ConsoleSession.CsrfHeader, token), 403);
        }

        yield return Refused("csrf-header", draft.WithoutHeader(ConsoleSession.CsrfHeader).WithQuery("__RequestVerificationToken", Uri.EscapeDataString(own.CsrfToken)), 403);
        yield return Refused("csrf-header", draft.WithoutHeader(ConsoleSession.CsrfHeader).WithHeader("RequestVerificationToken", own.CsrfToken), 403);
    }

    private IEnumerable<HostileCase> QueryValues(Draft draft)
    {
        foreach (var parameter in draft.Operation.In("query"))
        {
            foreach (var value in Next(PercentBadText, 6).Append(new string('a', 1001)))
            {
                yield return Refused("query", draft.WithQuery(parameter.Name, value));
            }

            if (parameter.Type == "integer")
            {
                // Past the largest int64, and past the largest int32 unless the parameter is an int64 (2^31 is a fine one).
                var notIntegers = parameter.Format == "int64" ? NotInt64s : NotInt32s;
                foreach (var value in notIntegers)
                {
                    yield return Refused("query", draft.WithQuery(parameter.Name, value));
                }
            }
        }

        yield return Refused("query", draft.WithQuery("note", "%00"));
        yield return Refused("query", draft.WithQuery("n%00te", "1"));
        yield return Refused("query", draft.WithQuery("note", "%ED%A0%80"));
    }

    private static IEnumerable<HostileCase> PathValues(Draft draft)
    {
        foreach (var parameter in draft.Operation.In("path"))
        {
            var values = parameter.Type == "integer"
                ? new[] { "0", "-1", "9223372036854775808", "abc", "1.5", "1e3", "%20", "1%2F1", "%ED%A0%80" }
                : ["XXX", "USDT", "%01", "%ED%A0%80", "%EF%BF%BF", new string('A', 1001), "%2E%2E%2F%2E%2E"];
            foreach (var value in values)
            {
                yield return Refused("path-value", draft with { PathValues = new Dictionary<string, string>(draft.PathValues) { [parameter.Name] = value } });
            }
        }
    }

    /// <summary>Another customer's card, offer or operation, in the path or the body: the same 404 as one that does not exist.</summary>
    private IEnumerable<HostileCase> OtherCustomersIds(Draft draft)
    {
        if (draft.Operation.Security != ApiSecurity.Bearer)
        {
            yield break;
        }

        foreach (var parameter in draft.Operation.In("path"))
        {
            if (VictimsId(parameter.Name) is { } id)
            {
                yield return Refused("other-customer", draft with { PathValues = new Dictionary<string, string>(draft.PathValues) { [parameter.Name] = id } }, 404);
            }
        }

        foreach (var property in draft.Operation.Body?.Properties ?? [])
        {
            if (VictimsId(property.Name) is { } id)
            {
                yield return Refused("other-customer", draft.WithMember(property.Name, Utf8(id)), 404);
            }
        }
    }

    private IEnumerable<HostileCase> Fuzz(Draft draft)
    {
        if (draft.Operation.Body is null)
        {
            yield break;
        }

        for (var i = 0; i < 5; i++)
        {
            var bytes = new byte[random.Next(1, 300)];
            random.NextBytes(bytes);
            yield return Refused("fuzz", draft with { RawBody = bytes });
        }
    }

    /// <summary>Text that tries to be code. It is only text, so it may be accepted; then nothing may move (the path names nothing).</summary>
    private IEnumerable<HostileCase> Injections(Draft draft)
    {
        var safe = BaseRequests.NamingNothing(draft);
        foreach (var property in TextMembers(draft))
        {
            foreach (var injection in Next(HostileValues.Injections, 4))
            {
                var raw = draft.IsForm ? Utf8(Uri.EscapeDataString(injection)) : JsonSerializer.SerializeToUtf8Bytes(injection);
                yield return new HostileCase("injection", safe.WithMember(property.Name, raw), Expectation.Tolerated, Marker: injection);
            }
        }

        foreach (var parameter in draft.Operation.In("query"))
        {
            foreach (var injection in Next(HostileValues.Injections, 4))
            {
                yield return new HostileCase("injection", safe.WithQuery(parameter.Name, Uri.EscapeDataString(injection)), Expectation.Tolerated, Marker: injection);
            }
        }
    }

    /// <summary>Changes a careful service ignores: unknown members and query parameters, headers it must not obey, odd but valid query values.</summary>
    private IEnumerable<HostileCase> Tolerated(Draft draft)
    {
        var safe = BaseRequests.NamingNothing(draft);
        if (draft.Operation.Body is { IsJson: true })
        {
            var massAssignment = $"{{\"customerId\":{victim.Customer.Id},\"status\":\"SUCCESS\",\"balance\":1000000,\"kycLevel\":\"KYC_3\",\"validationStatus\":\"APPROVED\"}}";
            yield return Tolerate("extra", safe.WithExtraMember("customerId", Utf8(victim.Customer.Id.ToString(CultureInfo.InvariantCulture)))
                .WithExtraMember("status", Utf8("\"SUCCESS\"")).WithExtraMember("balance", Utf8("1e400")).WithExtraMember("kycLevel", Utf8("\"KYC_3\"")));
            yield return Tolerate("extra", safe.WithExtraMember("customer", Utf8(massAssignment)));
        }

        foreach (var (name, value) in new[]
        {
            ("X-Forwarded-For", "garbage, 999.999.999.999"), ("X-Forwarded-Host", "evil.example"), ("X-Original-URL", "/admin/v1/ledger/invariant"),
            ("X-Rewrite-URL", "/admin/v1/customers"), ("X-HTTP-Method-Override", "DELETE"), ("X-Junk", new string('j', 20_000)),
            ("Accept", "application/xml"), ("Accept-Charset", "bogus-42"), ("Content-Encoding", "gzip"), ("Expect", "100-continue"),
        })
        {
            yield return Tolerate("garbage-header", safe.WithHeader(name, value));
        }

        yield return Tolerate("garbage-header", Enumerable.Range(0, 100).Aggregate(safe, (d, i) => d.WithHeader($"X-Junk-{i}", "junk")));
        foreach (var parameter in draft.Operation.In("query"))
        {
            foreach (var value in new[] { "-1", "", "0", "2147483647", random.Next().ToString(CultureInfo.InvariantCulture) })
            {
                yield return Tolerate("absurd-query", safe.WithQuery(parameter.Name, value));
            }

            yield return Tolerate("absurd-query", safe with { Query = [.. safe.Query, (parameter.Name, "1")] });
        }

        yield return Tolerate("absurd-query", safe.WithQuery("customerId", victim.Customer.Id.ToString(CultureInfo.InvariantCulture)));
        yield return Tolerate("absurd-query", safe.WithQuery("size", "1000000").WithQuery("debug", "true"));
    }

    /// <summary>The next <paramref name="count"/> values of <paramref name="all"/>, going round; the seed picks where it starts.</summary>
    private IEnumerable<T> Next<T>(T[] all, int count)
    {
        var start = rotations.TryGetValue(all, out var at) ? at : random.Next(all.Length);
        rotations[all] = start + count;
        return Enumerable.Range(start, count).Select(i => all[i % all.Length]).ToList();
    }

    private string? VictimsId(string name) => name switch
    {
        "cardId" => victim.CardId.ToString(CultureInfo.InvariantCulture),
        "offerId" => victim.OfferId.ToString(CultureInfo.InvariantCulture),
        "operationId" => victim.OperationId.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>Members that carry text: strings, and members of any JSON kind (a card number may be a string).</summary>
    private static IEnumerable<ApiProperty> TextMembers(Draft draft) =>
        draft.Operation.Body?.Properties.Where(p => p.Type is "string" or "any") ?? [];

    /// <summary>The base value of a text member, unquoted and unescaped: "Test Customer", not "\"Test Customer\"".</summary>
    private static string PlainValue(Draft draft, string name)
    {
        var raw = Encoding.UTF8.GetString(draft.Members!.First(m => m.Name == name).Raw);
        return draft.IsForm ? Uri.UnescapeDataString(raw) : raw.Trim('"');
    }

    /// <summary>A token whose header says it is unsigned (<c>alg: none</c>) and whose payload claims a customer.</summary>
    private static string AlgNone()
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return Part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Part("{\"sub\":\"1\",\"gen\":\"0\",\"exp\":4102444800}") + ".";
    }

    private static HostileCase Refused(string kind, Draft draft, int? status = null) => new(kind, draft, Expectation.Refused, status);

    private static HostileCase Tolerate(string kind, Draft draft) => new(kind, draft, Expectation.Tolerated);
}
