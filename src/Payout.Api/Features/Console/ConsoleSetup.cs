using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Payout.Api.Configuration;
using Payout.Api.Features.Admin;
using Payout.Api.Security;

namespace Payout.Api.Features.Console;

public static class ConsoleSetup
{
    /// <summary>
    /// The console's session: ASP.NET Core's cookie authentication (a scheme of its own, never the API's default) with
    /// the ticket kept server-side, and its antiforgery tokens. Data Protection keys live beside the service's other
    /// keys, so every process reads the same cookies.
    /// </summary>
    public static IServiceCollection AddOperatorConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSelfValidatingOptions<ConsoleOptions>(configuration, ConsoleOptions.SectionName);
        services.AddSingleton<ConsoleTicketStore>();
        services.AddSingleton<IOperatorSessions, ConsoleAuth>();

        services.AddDataProtection().SetApplicationName("PayOut");
        services.AddOptions<KeyManagementOptions>().Configure<KeyStore, ILoggerFactory>((options, keys, loggers) =>
            options.XmlRepository = new FileSystemXmlRepository(DataProtectionFolder(keys), loggers));

        services.AddAuthentication().AddCookie(ConsoleAuth.Scheme, cookie =>
        {
            cookie.Cookie.Name = "payout-console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = true;
            // An API answers 401/403; it never redirects to a sign-in page.
            cookie.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
        });
        services.AddOptions<CookieAuthenticationOptions>(ConsoleAuth.Scheme)
            .Configure<ConsoleTicketStore, IOptions<ConsoleOptions>>((cookie, store, options) =>
            {
                cookie.SessionStore = store;
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(options.Value.IdleMinutes);
            });

        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = OperatorAccess.CsrfHeader;
            antiforgery.Cookie.Name = "payout-console-csrf";
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>Like the other key folders: readable by the service's user only (the keys are stored unencrypted).</summary>
    private static DirectoryInfo DataProtectionFolder(KeyStore keys)
    {
        var path = Path.Combine(keys.Folder, "data-protection");
        return OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path)
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
