namespace Payout.IntegrationTests.Hostile;

/// <param name="Class">The kind of hostility (wrong-type, bad-text, …), for the summary and the reproducer.</param>
/// <param name="ExpectedStatus">A status the answer must have exactly (405 for a wrong method), if any.</param>
/// <param name="Marker">Text the request carried that an error answer must not echo.</param>
/// <param name="NotAbout">A member the document calls optional and the request left out: no error may name it.</param>
public sealed record HostileCase(string Class, Draft Draft, Expectation Expect, int? ExpectedStatus = null, string? Marker = null, string? NotAbout = null);
