using Payout.Api.Features.Customers;

namespace Payout.Api.Features.Auth;

/// <summary><c>POST /signout</c>: ends every session of the caller (refresh and access tokens).</summary>
public static class SignOut
{
    public static async Task<IResult> HandleAsync(CurrentCustomer caller, CustomerRegistry registry, SignIn signIn, CancellationToken cancellationToken)
    {
        var customer = await registry.FindAsync(caller.Id, cancellationToken);
        if (customer is not null)
        {
            await signIn.RevokeAllAsync(customer, cancellationToken);
        }

        return TypedResults.NoContent();
    }
}
