using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Payout.Api.Configuration;
using Payout.Api.Domain;

namespace Payout.UnitTests.Support;

/// <summary>Binds options from in-memory configuration through the same registration the service uses.</summary>
public static class OptionsBinding
{
    public static TOptions Bind<TOptions>(string sectionName, Dictionary<string, string?> values)
        where TOptions : class, ISelfValidatingOptions
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSelfValidatingOptions<TOptions>(configuration, sectionName);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<TOptions>>().Value;
    }
}
