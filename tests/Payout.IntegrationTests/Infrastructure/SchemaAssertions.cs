using System.Text.Json;

namespace Payout.IntegrationTests.Infrastructure;

/// <summary>
/// A light structural check of a JSON value against a schema of the service's OpenAPI document: every
/// required member present, every member with the JSON type the schema names, through <c>$ref</c>,
/// <c>oneOf</c>, objects and arrays. Enough to catch a document that drifted from what the service sends.
/// </summary>
public static class SchemaAssertions
{
    /// <summary>The schema of an answer: <c>paths[path][method].responses[status].content["application/json"].schema</c>.</summary>
    public static JsonElement ResponseSchema(this JsonElement document, string path, string method, int status) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant())
            .GetProperty("responses").GetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");

    public static void AssertMatchesSchema(this JsonElement value, JsonElement schema, JsonElement document)
    {
        var problems = Problems(value, schema, document, "$");
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\nin " + value.GetRawText());
    }

    private static List<string> Problems(JsonElement value, JsonElement schema, JsonElement document, string at)
    {
        schema = Resolve(schema, document);
        if (schema.TryGetProperty("oneOf", out var oneOf) || schema.TryGetProperty("anyOf", out oneOf))
        {
            var branches = oneOf.EnumerateArray().Select(branch => Problems(value, branch, document, at)).ToList();
            return branches.Any(b => b.Count == 0) ? [] : [$"{at}: matches no branch ({string.Join("; ", branches.SelectMany(b => b))})"];
        }

        var problems = new List<string>();
        if (schema.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!allowed.Contains(JsonTypeOf(value)) && !(JsonTypeOf(value) == "integer" && allowed.Contains("number")))
            {
                return [$"{at}: {JsonTypeOf(value)} where the schema says {string.Join("|", allowed)}"];
            }
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
            {
                problems.AddRange(required.EnumerateArray()
                    .Where(name => !value.TryGetProperty(name.GetString()!, out _))
                    .Select(name => $"{at}.{name.GetString()}: required but absent"));
            }

            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var member in value.EnumerateObject())
                {
                    if (properties.TryGetProperty(member.Name, out var memberSchema))
                    {
                        problems.AddRange(Problems(member.Value, memberSchema, document, $"{at}.{member.Name}"));
                    }
                    else
                    {
                        problems.Add($"{at}.{member.Name}: not in the schema");
                    }
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                problems.AddRange(Problems(item, items, document, $"{at}[{index++}]"));
            }
        }

        return problems;
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement document)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            var node = document;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                node = node.GetProperty(part);
            }

            schema = node;
        }

        return schema;
    }

    private static string JsonTypeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        _ => "undefined",
    };
}
