using Microsoft.Extensions.Configuration.Memory;

namespace Payout.Sandbox;

/// <summary>
/// Entry point of the stand-alone sandbox network. A named class instead of top-level statements: Payout.Api
/// references this assembly and already has the global <c>Program</c>. Not static, so tests can use it as
/// <c>WebApplicationFactory&lt;SandboxProgram&gt;</c>.
/// </summary>
public sealed class SandboxProgram
{
    private SandboxProgram()
    {
    }

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // What an appsettings.json would say (the project has none, see the csproj); appsettings, environment and
        // command line still override it because this source is consulted first.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            },
        });
        builder.Services.AddPayoutSandbox(builder.Configuration.GetSection(SandboxOptions.SectionName));

        var app = builder.Build();
        app.MapPayoutSandbox();
        await app.RunAsync();
    }
}
