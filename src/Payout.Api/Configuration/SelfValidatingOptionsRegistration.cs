using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Payout.Api.Domain;

namespace Payout.Api.Configuration;

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
