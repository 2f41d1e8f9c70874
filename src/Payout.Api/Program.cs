using Payout.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddPayoutServices();
var app = builder.Build();

if (args is [var command, ..] && Commands.IsCommand(command))
{
    return await Commands.RunAsync(command, app.Services);
}

app.UsePayoutPipeline();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can host it.</summary>
public partial class Program;
