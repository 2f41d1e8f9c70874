using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Payout.IntegrationTests.Infrastructure;

/// <summary>
/// Exactly the lines the console logger writes: every entry goes through the app's own console formatter
/// (the one its options name, with its options), with the app's scopes. Tests read what an operator's log
/// shipper would read from stdout, without redirecting the process's console.
/// </summary>
public sealed class ConsoleLogLines : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> lines = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();
    private ConsoleFormatter? formatter;

    public IReadOnlyCollection<string> Lines => lines;

    /// <summary>The formatter the console logger uses ("json" for the service).</summary>
    public string? FormatterName => formatter?.Name;

    /// <summary>Registers this capture with the app's logging, bound to the app's console formatter.</summary>
    public void AttachTo(ILoggingBuilder logging) =>
        logging.Services.AddSingleton<ILoggerProvider>(services =>
        {
            var name = services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName;
            formatter = services.GetServices<ConsoleFormatter>().Single(f => f.Name == name);
            return this;
        });

    public ILogger CreateLogger(string categoryName) => new Sink(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Sink(ConsoleLogLines owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (owner.formatter is not { } console)
            {
                return;
            }

            using var writer = new StringWriter();
            console.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), owner.scopes, writer);
            owner.lines.Enqueue(writer.ToString());
        }
    }
}
