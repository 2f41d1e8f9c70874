using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Hostile;

/// <summary>
/// Reads the committed <c>docs/openapi.json</c> into <see cref="ApiOperation"/>s: the hostile suite is driven by the
/// document, so an operation added to the API (and so to the document) is covered without new test code.
/// </summary>
public static class ApiDescription
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "options", "head", "trace"];

    public static IReadOnlyList<ApiOperation> Operations()
    {
        var document = JsonDocument.Parse(File.ReadAllText(CommittedOpenApi.FilePath)).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var operations = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                operations.Add(new ApiOperation(
                    operation.Name.ToUpperInvariant(),
                    path.Name,
                    Parameters(operation.Value),
                    Body(operation.Value, schemas),
                    Security(operation.Value)));
            }
        }

        return operations;
    }

    private static List<ApiParameter> Parameters(JsonElement operation) =>
        !operation.TryGetProperty("parameters", out var parameters) ? [] :
        [.. parameters.EnumerateArray().Select(p => new ApiParameter(
            p.GetProperty("name").GetString()!,
            p.GetProperty("in").GetString()!,
            p.TryGetProperty("required", out var required) && required.GetBoolean(),
            p.TryGetProperty("schema", out var schema) ? TypeOf(schema, default) : "string",
            p.TryGetProperty("example", out var example) ? example.ToString() : null,
            p.TryGetProperty("schema", out var typed) && typed.TryGetProperty("format", out var format) ? format.GetString() : null))];

    private static ApiBody? Body(JsonElement operation, JsonElement schemas)
    {
        if (!operation.TryGetProperty("requestBody", out var body))
        {
            return null;
        }

        var (contentType, media) = body.GetProperty("content").EnumerateObject().Select(c => (c.Name, c.Value)).First();
        var schema = Resolve(media.GetProperty("schema"), schemas);
        var required = schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()!).ToHashSet() : [];
        var properties = schema.TryGetProperty("properties", out var members)
            ? members.EnumerateObject().Select(m => new ApiProperty(m.Name, TypeOf(m.Value, schemas), required.Contains(m.Name), AllowsZero(m.Value))).ToList()
            : [];
        return new ApiBody(contentType, properties);
    }

    private static ApiSecurity Security(JsonElement operation)
    {
        if (!operation.TryGetProperty("security", out var security))
        {
            return ApiSecurity.None;
        }

        var schemes = security.EnumerateArray().SelectMany(requirement => requirement.EnumerateObject().Select(s => s.Name)).ToList();
        return schemes.Contains("Bearer") ? ApiSecurity.Bearer : schemes.Contains("AdminKey") ? ApiSecurity.AdminKey : ApiSecurity.None;
    }

    /// <summary>The one JSON type a schema stands for, ignoring <c>null</c>; <c>any</c> when it allows every kind.</summary>
    private static string TypeOf(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("$ref", out _) && schemas.ValueKind == JsonValueKind.Object)
        {
            return TypeOf(Resolve(schema, schemas), schemas);
        }

        if (schema.TryGetProperty("oneOf", out var oneOf) || schema.TryGetProperty("anyOf", out oneOf))
        {
            var types = oneOf.EnumerateArray().Select(s => TypeOf(s, schemas)).Where(t => t != "null").Distinct().ToList();
            return types.Count == 1 ? types[0] : "any";
        }

        if (!schema.TryGetProperty("type", out var type))
        {
            return "any";
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()!).FirstOrDefault(t => t != "null") ?? "null"
            : type.GetString()!;
    }

    private static bool AllowsZero(JsonElement schema) =>
        schema.TryGetProperty("minimum", out var minimum) && minimum.ValueKind == JsonValueKind.Number && minimum.GetDecimal() == 0
        && !schema.TryGetProperty("exclusiveMinimum", out _);

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas) =>
        schema.TryGetProperty("$ref", out var reference)
            ? schemas.GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;
}
