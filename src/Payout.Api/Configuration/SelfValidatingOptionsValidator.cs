using Microsoft.Extensions.Options;
using Payout.Api.Domain;

namespace Payout.Api.Configuration;

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
