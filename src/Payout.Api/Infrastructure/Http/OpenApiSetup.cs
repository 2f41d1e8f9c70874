using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Payout.Api.Infrastructure.Errors;
using Scalar.AspNetCore;

namespace Payout.Api.Infrastructure.Http;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> and interactive docs at <c>/docs</c>. Everything in the
/// document comes from endpoint metadata, so it needs no database and no keys: the gates say what they add
/// (<see cref="RequiredHeader"/>, <see cref="ApiKeyRequirement"/>, authorization, rate limiting), and
/// handlers returning <see cref="ApiError"/> describe their error bodies. <c>docs/openapi.json</c> is this
/// document, committed; a test fails when they differ.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";
    public const string DocumentRoute = "/openapi/{documentName}.json";
    public const string DocsPath = "/docs";
    public const string BearerScheme = "Bearer";
    public const string AdminKeyScheme = "AdminKey";

    public static IServiceCollection AddPayoutOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.CreateSchemaReferenceId = SchemaId;
            options.AddDocumentTransformer(DescribeDocumentAsync);
            options.AddOperationTransformer(DescribeGatesAsync);
            options.AddOperationTransformer(DescribeErrorAnswersAsync);
            options.AddSchemaTransformer(UnrequireConditionalMembersAsync);
            options.AddSchemaTransformer(DescribeConvertedTypesAsync);
        });

    public static IEndpointRouteBuilder MapPayoutOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentRoute);
        // Served from the package; nothing in the page calls a third party (no telemetry, AI agent, MCP or web fonts).
        app.MapScalarApiReference(DocsPath, options =>
        {
            options.WithTitle("PayOut API")
                .WithOpenApiRoutePattern(DocumentRoute)
                .AddPreferredSecuritySchemes(BearerScheme)
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .DisableDefaultFonts();
            options.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            // The document names no server (it is committed); "try it" calls the origin that served the page.
            options.DynamicBaseServerUrl = true;
        });
        return app;
    }

    /// <summary>
    /// Feature types are nested (<c>CreateOffer.Request</c>, <c>GetPayoutData.Response</c>), and the default id is the
    /// bare type name, so every <c>Request</c> would share one schema. The declaring type makes them unique.
    /// </summary>
    private static string? SchemaId(JsonTypeInfo type) =>
        OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id && type.Type.DeclaringType is { } outer
            ? outer.Name + id
            : OpenApiOptions.CreateDefaultSchemaReferenceId(type);

    private static Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "PayOut API",
            Version = "v1",
            Description =
                "Crypto-to-card payouts, compatible with the PayOut section of Vault's API. Customers sign in at " +
                "`POST /oauth/token` and call `/v4/payout/*` with `Authorization: Bearer <token>` and `X-Sdk-Version`; " +
                "operators call `/admin/v1/*` with `X-Admin-Key`. Every non-2xx answer has the `ErrorBody` shape.",
        };

        // The served document must not depend on the host it was fetched from: it is committed and diffed.
        document.Servers = [];
        foreach (var operation in document.Paths.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []))
        {
            SortResponses(operation);
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The access_token from POST /oauth/token.",
        };
        document.Components.SecuritySchemes[AdminKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = Features.Admin.AdminApi.KeyHeader,
            Description = "The operator's key (Admin:ApiKey).",
        };
        return Task.CompletedTask;
    }

    /// <summary>Answers in status order, so readers and diffs see 200 first.</summary>
    private static void SortResponses(OpenApiOperation operation)
    {
        if (operation.Responses is not { Count: > 1 } responses)
        {
            return;
        }

        var sorted = responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        responses.Clear();
        foreach (var (status, response) in sorted)
        {
            responses.Add(status, response);
        }
    }

    /// <summary>Security, headers and error answers that the cross-cutting gates add to an operation.</summary>
    private static async Task DescribeGatesAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any())
        {
            Require(operation, context.Document, BearerScheme);
            await AddErrorAsync(operation, context, StatusCodes.Status401Unauthorized, cancellationToken);
        }

        if (metadata.OfType<ApiKeyRequirement>().FirstOrDefault() is { } apiKey)
        {
            Require(operation, context.Document, apiKey.SchemeName);
            await AddErrorAsync(operation, context, StatusCodes.Status401Unauthorized, cancellationToken);
        }

        foreach (var header in metadata.OfType<RequiredHeader>().Reverse())
        {
            operation.Parameters ??= [];
            operation.Parameters.Insert(0, new OpenApiParameter
            {
                Name = header.Name,
                In = ParameterLocation.Header,
                Required = true,
                Description = header.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = System.Text.Json.Nodes.JsonValue.Create(header.Example),
            });
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            var tooMany = await AddErrorAsync(operation, context, StatusCodes.Status429TooManyRequests, cancellationToken);
            tooMany.Headers ??= new Dictionary<string, IOpenApiHeader>();
            tooMany.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds until the next request is accepted.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
            };
        }
    }

    private static void Require(OpenApiOperation operation, OpenApiDocument? document, string scheme)
    {
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] });
    }

    /// <summary>Adds (or finds) the <see cref="ErrorBody"/> answer for a status.</summary>
    private static async Task<OpenApiResponse> AddErrorAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, CancellationToken cancellationToken)
    {
        operation.Responses ??= [];
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses.TryGetValue(key, out var existing) && existing is OpenApiResponse found)
        {
            return found;
        }

        var response = new OpenApiResponse
        {
            Description = ErrorResponses.Describe(status),
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = await ErrorBodySchemaAsync(context, cancellationToken) },
            },
        };
        operation.Responses[key] = response;
        return response;
    }

    private static async Task<IOpenApiSchema> ErrorBodySchemaAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        const string id = nameof(ErrorBody);
        if (document.Components?.Schemas?.ContainsKey(id) != true)
        {
            document.AddComponent(id, await context.GetOrCreateSchemaAsync(typeof(ErrorBody), null, cancellationToken));
        }

        return new OpenApiSchemaReference(id, document);
    }

    /// <summary>The framework names error answers by their reason phrase; ours say which codes to expect.</summary>
    private static Task DescribeErrorAnswersAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (key, response) in operation.Responses ?? [])
        {
            if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status >= 400 && response is OpenApiResponse answer)
            {
                answer.Description = ErrorResponses.Describe(status);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The generator marks every constructor parameter of a record required: right for our bodies (a parameter
    /// with a default is optional), wrong for a member written only when it has a value (<c>[JsonIgnore(Condition
    /// = WhenWritingNull)]</c>), which a client must not rely on.
    /// </summary>
    private static Task UnrequireConditionalMembersAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is not null || context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object || schema.Required is null)
        {
            return Task.CompletedTask;
        }

        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (property.AttributeProvider?.IsDefined(typeof(JsonIgnoreAttribute), inherit: true) == true)
            {
                schema.Required.Remove(property.Name);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Types whose JSON form a converter decides, which the schema generator cannot see: instants are ISO 8601
    /// strings (<see cref="UtcInstantConverter"/>), and amounts are exact decimals, never binary floating point.
    /// </summary>
    private static Task DescribeConvertedTypesAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(DateTimeOffset))
        {
            schema.Type = JsonSchemaType.String | (schema.Type & JsonSchemaType.Null);
            schema.Format = "date-time";
        }
        else if (type == typeof(decimal))
        {
            schema.Format = "decimal";
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Endpoint metadata: a request header the endpoint requires, read by hand (a gate or a handler), so the
/// document can name it. <see cref="SdkVersion.RequireSdkVersion"/> adds one to every <c>/v4/payout</c> endpoint.
/// </summary>
public sealed record RequiredHeader(string Name, string Description, string Example);

/// <summary>Endpoint metadata: an API key header guards the endpoint (the operator API's <c>X-Admin-Key</c>).</summary>
public sealed record ApiKeyRequirement(string SchemeName)
{
    public static readonly ApiKeyRequirement Admin = new(OpenApiSetup.AdminKeyScheme);
}
