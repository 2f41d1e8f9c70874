using Payout.Api.Infrastructure.Http;

namespace Payout.Api.Features.Auth;

/// <summary><c>POST /signout</c>: ends every session of the caller (refresh and access tokens).</summary>
public static class SignOut
{
    public static async Task<IResult> HandleAsync(CurrentCustomer caller, SignIn signIn, CancellationToken cancellationToken)
    {
        await signIn.RevokeAllAsync(caller.Id, SignIn.SignedOut, cancellationToken);
        return TypedResults.NoContent();
    }
}
