using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Errors;
using Scalar.AspNetCore;

namespace Payout.Api.Infrastructure.Http;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> and interactive docs at <c>/docs</c>. Everything in the
/// document comes from endpoint metadata, so it needs no database and no keys: the gates say what they add
/// (<see cref="RequiredHeader"/>, <see cref="ApiKeyRequirement"/>, authorization, rate limiting), and each
/// status an endpoint can answer with an error lists its codes (<see cref="EndpointErrors"/>).
/// <c>docs/openapi.json</c> is this document, committed; a test fails when they differ.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";
    /// <summary>Where the document is served (Scalar fills in <c>{documentName}</c>).</summary>
    public const string DocumentRoute = "/openapi/{documentName}.json";

    /// <summary>
    /// The route serves our one document only: any other name is no route at all (404 with the error body), where
    /// the package's own answer would be a plain-text 404, and a <c>documentName</c> in the query is never read.
    /// </summary>
    private const string DocumentRouteOfOurs = "/openapi/{documentName:regex(^" + DocumentName + "$)}.json";
    public const string DocsPath = "/docs";
    public const string BearerScheme = "Bearer";
    public const string AdminKeyScheme = "AdminKey";
    public const string MerchantKeyScheme = "MerchantKey";

    /// <summary>Each error answer lists its codes here too, for tools (the description lists them for people).</summary>
    public const string ErrorCodesExtension = "x-error-codes";

    /// <summary>On the <c>ErrorData</c> schema: which members each code's <c>data</c> carries (<see cref="ErrorData.MembersByCode"/>).</summary>
    public const string DataByCodeExtension = "x-data-by-code";

    public static IServiceCollection AddPayoutOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.CreateSchemaReferenceId = SchemaId;
            options.AddDocumentTransformer(DescribeDocumentAsync);
            options.AddOperationTransformer(DescribeGatesAsync);
            options.AddOperationTransformer(DescribeErrorAnswersAsync);
            options.AddOperationTransformer(DescribeRetryAfterAsync);
            options.AddSchemaTransformer(UnrequireConditionalMembersAsync);
            options.AddSchemaTransformer(DescribeConvertedTypesAsync);
            options.AddSchemaTransformer(DescribeErrorDataAsync);
        });

    public static IEndpointRouteBuilder MapPayoutOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentRouteOfOurs);
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
                "operators call `/admin/v1/*` with `X-Admin-Key`. Every non-2xx answer has the `ErrorBody` shape; each error " +
                "answer lists the codes it can carry (also as `x-error-codes`). Any operation may also answer 500 `INTERNAL`.",
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
            Name = ApiKeyRequirement.Admin.HeaderName,
            Description = "The operator's key (Admin:ApiKey).",
        };
        document.Components.SecuritySchemes[MerchantKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyRequirement.Merchant.HeaderName,
            Description = "A merchant's own key (Merchants:N:ApiKey): that merchant's events only.",
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

    /// <summary>Security and headers that the cross-cutting gates add to an operation (their error codes come with the rest).</summary>
    private static Task DescribeGatesAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any())
        {
            Require(operation, context.Document, BearerScheme);
        }

        // Each key is a requirement of its own: any one of them opens the endpoint.
        foreach (var apiKey in metadata.OfType<ApiKeyRequirement>().Distinct())
        {
            Require(operation, context.Document, apiKey.SchemeName);
        }

        foreach (var header in metadata.OfType<OptionalHeader>().Reverse())
        {
            AddHeader(operation, header.Name, header.Description, header.Example, required: false);
        }

        foreach (var header in metadata.OfType<RequiredHeader>().Reverse())
        {
            AddHeader(operation, header.Name, header.Description, header.Example, required: true);
        }

        return Task.CompletedTask;
    }

    private static void AddHeader(OpenApiOperation operation, string name, string description, string example, bool required)
    {
        operation.Parameters ??= [];
        operation.Parameters.Insert(0, new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Header,
            Required = required,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            Example = System.Text.Json.Nodes.JsonValue.Create(example),
        });
    }

    private static void Require(OpenApiOperation operation, OpenApiDocument? document, string scheme)
    {
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] });
    }

    /// <summary>
    /// One error answer per status the endpoint can answer with, each listing its codes (<see cref="EndpointErrors"/>):
    /// in the description, and as <c>x-error-codes</c> for tools and for the test that holds the service to it.
    /// </summary>
    private static async Task DescribeErrorAnswersAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (status, codes) in EndpointErrors.ByStatus(context.Description.ActionDescriptor.EndpointMetadata))
        {
            operation.Responses ??= [];
            operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = Describe(codes),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await ErrorBodySchemaAsync(context, cancellationToken) },
                },
                Extensions = new Dictionary<string, IOpenApiExtension>
                {
                    [ErrorCodesExtension] = new JsonNodeExtension(new System.Text.Json.Nodes.JsonArray([.. codes.Select(code => System.Text.Json.Nodes.JsonValue.Create(code.ToString()))])),
                },
            };
        }
    }

    /// <summary>
    /// "- `OFFER_NOT_FOUND`: No such offer." per code: the codes a client can match on, with what each means, and the
    /// members of <c>data</c> that say what clears it.
    /// </summary>
    private static string Describe(IReadOnlyList<ErrorCode> codes) =>
        string.Join("\n", codes.Select(code => $"- `{code}`: {ErrorCatalog.DefaultMessageOf(code)}" + (ErrorData.MembersByCode.TryGetValue(code, out var members)
            ? $" `data`: {string.Join(", ", members.Select(member => $"`{member}`"))}."
            : "")));

    /// <summary>A rate-limited answer says when to try again, and so do a payout our float cannot cover now and the database away.</summary>
    private static Task DescribeRetryAfterAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.Responses?.TryGetValue("429", out var tooMany) == true && tooMany is OpenApiResponse limited)
        {
            AddRetryAfter(limited, "Seconds until the next request is accepted.");
        }

        // Every operation may answer SERVICE_UNAVAILABLE (the database away), with Retry-After.
        var codes = EndpointErrors.Of(context.Description.ActionDescriptor.EndpointMetadata);
        if (operation.Responses?.TryGetValue("503", out var unavailable) == true && unavailable is OpenApiResponse paused)
        {
            const string database = "SERVICE_UNAVAILABLE: seconds to wait before trying again.";
            AddRetryAfter(paused, codes.Contains(ErrorCode.NETWORK_FLOAT_LOW)
                ? "NETWORK_FLOAT_LOW: seconds until trying again may succeed (also `data.retryAfter`). " + database
                : database);
        }

        return Task.CompletedTask;
    }

    private static void AddRetryAfter(OpenApiResponse answer, string description)
    {
        answer.Headers ??= new Dictionary<string, IOpenApiHeader>();
        answer.Headers["Retry-After"] = new OpenApiHeader
        {
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
        };
    }

    /// <summary>The error body's <c>data</c> carries, per code, the members that say what clears it: the table, for tools.</summary>
    private static Task DescribeErrorDataAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // ErrorBody's schema is built inline (its data too), so this meets ErrorData as the schema of the data property.
        if (context.JsonTypeInfo.Type == typeof(ErrorData))
        {
            schema.Description = "What clears the failure: only the members the code carries (see `x-data-by-code`); `{}` for the other codes.";
            foreach (var property in context.JsonTypeInfo.Properties)
            {
                if (schema.Properties?.TryGetValue(property.Name, out var member) == true && member is OpenApiSchema { Description: null } described
                    && property.AttributeProvider?.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), inherit: true)
                        .FirstOrDefault() is System.ComponentModel.DescriptionAttribute attribute)
                {
                    described.Description = attribute.Description;
                }
            }

            var table = new System.Text.Json.Nodes.JsonObject();
            foreach (var (code, members) in ErrorData.MembersByCode.OrderBy(entry => entry.Key))
            {
                table[code.ToString()] = new System.Text.Json.Nodes.JsonArray([.. members.Select(member => System.Text.Json.Nodes.JsonValue.Create(member))]);
            }

            schema.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            schema.Extensions[DataByCodeExtension] = new JsonNodeExtension(table);
        }

        return Task.CompletedTask;
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
        // A converter hides the type from the generator, so the schema comes without one (not even null for a T?).
        var underlying = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type);
        var orNull = underlying is null ? default : JsonSchemaType.Null;
        var type = underlying ?? context.JsonTypeInfo.Type;
        if (type == typeof(DateTimeOffset))
        {
            schema.Type = JsonSchemaType.String | orNull;
            schema.Format = "date-time";
        }
        else if (type == typeof(decimal))
        {
            schema.Type = JsonSchemaType.Number | orNull;
            schema.Format = "decimal";
            // The generator's [Range] support goes with the type it cannot see: the bounds are written here.
            if (context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(RangeAttribute), inherit: true) is [RangeAttribute range, ..])
            {
                schema.Minimum = Convert.ToString(range.Minimum, CultureInfo.InvariantCulture);
                schema.Maximum = Convert.ToString(range.Maximum, CultureInfo.InvariantCulture);
            }
        }

        return Task.CompletedTask;
    }
}
