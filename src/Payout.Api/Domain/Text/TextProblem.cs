namespace Payout.Api.Domain.Text;

/// <summary>Why a text is not acceptable input (<see cref="TextRules.Check"/>).</summary>
public enum TextProblem
{
    TooLong,
    ControlCharacter,
    BrokenUnicode,
    NonCharacter,
}
