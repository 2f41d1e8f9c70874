using Payout.Api;
using Payout.Api.Infrastructure.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddPayoutServices();
var app = builder.Build();

if (args is ["migrate", ..])
{
    await DatabaseSetup.MigrateAsync(app.Services, CancellationToken.None);
    Console.WriteLine("Migrations applied.");
    return;
}

app.UsePayoutPipeline();
await app.RunAsync();

/// <summary>Entry point; public so integration tests can host it.</summary>
public partial class Program;
