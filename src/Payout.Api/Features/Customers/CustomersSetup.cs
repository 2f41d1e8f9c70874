using Microsoft.AspNetCore.Identity;

namespace Payout.Api.Features.Customers;

public static class CustomersSetup
{
    /// <summary>The merchants (section <c>Merchants</c>, plus the demo merchant when the demo is seeded) and the customers.</summary>
    public static IServiceCollection AddCustomers(this IServiceCollection services, IConfiguration configuration, bool withDemoMerchant)
    {
        services.AddSingleton(_ => new MerchantDirectory(
            configuration.GetSection("Merchants").Get<List<MerchantOptions>>() ?? [], withDemoMerchant));
        services.AddScoped<CustomerRegistry>();
        services.AddSingleton<IPasswordHasher<Customer>, PasswordHasher<Customer>>();
        services.AddOptions<PasswordHasherOptions>().BindConfiguration("Auth:PasswordHasher");
        return services;
    }
}
