using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Payout.IntegrationTests.Infrastructure;

/// <summary>The committed <c>docs/openapi.json</c>, and what it says each operation can answer.</summary>
public static partial class CommittedOpenApi
{
    /// <summary>The extension under which every error answer lists its codes.</summary>
    public const string ErrorCodes = "x-error-codes";

    private static readonly Lazy<JsonElement> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(FilePath)).RootElement);

    public static string FilePath => Path.Combine(RepositoryRoot(), "docs", "openapi.json");

    /// <summary>True when the committed document lists <paramref name="code"/> under <paramref name="status"/> for the operation.</summary>
    public static bool Documents(string routePattern, string method, int status, string code) =>
        Document.Value.GetProperty("paths").TryGetProperty(OpenApiPath(routePattern), out var path)
        && path.TryGetProperty(method.ToLowerInvariant(), out var operation)
        && operation.GetProperty("responses").TryGetProperty(status.ToString(CultureInfo.InvariantCulture), out var response)
        && response.TryGetProperty(ErrorCodes, out var codes)
        && codes.EnumerateArray().Any(c => c.GetString() == code);

    /// <summary>True when the committed document has the route at all.</summary>
    public static bool DocumentsPath(string routePattern) =>
        Document.Value.GetProperty("paths").TryGetProperty(OpenApiPath(routePattern), out _);

    /// <summary>"/v4/payout/card/{cardId:long}" → "/v4/payout/card/{cardId}".</summary>
    public static string OpenApiPath(string pattern) =>
        "/" + RouteConstraint().Replace(pattern.TrimStart('/'), "{$1}");

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Payout.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Payout.sln) was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex RouteConstraint();
}
