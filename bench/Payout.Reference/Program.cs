// The load test's reference point: what Kestrel and minimal APIs serve on this machine with nothing else to do
// (TechEmpower's JSON test). Same host defaults as the service (WebApplication.CreateBuilder, server GC,
// console logging at Warning), so the ratio to it says what the service's own work costs.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
app.MapGet("/json", () => TypedResults.Ok(new Greeting("Hello, World!")));
app.Run();

/// <summary>The JSON test's body: <c>{"message":"Hello, World!"}</c>.</summary>
internal sealed record Greeting(string Message);
