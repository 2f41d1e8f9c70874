using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Payout.Api.Configuration;

/// <summary>
/// An options class that knows its own rules. The rules live beside the values (and are unit-tested there)
/// instead of in data annotations, because most of ours compare several values (min ≤ max, fractions below 1).
/// </summary>
public interface ISelfValidatingOptions
{
    /// <summary>One human-readable message per broken rule; empty when the options are usable.</summary>
    IReadOnlyList<string> Validate();
}

/// <summary>Adapts <see cref="ISelfValidatingOptions"/> to the options pipeline, so a bad value stops the start.</summary>
public sealed class SelfValidatingOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class, ISelfValidatingOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

public static class SelfValidatingOptionsRegistration
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="sectionName"/> and validates it on start
    /// (STYLE: a bad fee or a missing key must stop the start, not the first payout).
    /// </summary>
    public static OptionsBuilder<TOptions> AddSelfValidatingOptions<TOptions>(
        this IServiceCollection services, IConfiguration configuration, string sectionName)
        where TOptions : class, ISelfValidatingOptions
    {
        // TryAddEnumerable: registering the same options twice must not report every error twice.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, SelfValidatingOptionsValidator<TOptions>>());
        return services.AddOptions<TOptions>().Bind(configuration.GetSection(sectionName)).ValidateOnStart();
    }
}
