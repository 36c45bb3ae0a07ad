namespace Collapse.Ufm.Claims;

/// <summary>
/// A deliberately false variant of a claim (a falsifier): the parameter override that switches the claim's own check to
/// a broken formula, dropped term or false constant, and what was broken, in words. The claim's check run with
/// <see cref="Parameter"/> = <see cref="Value"/> must report Fails.
/// </summary>
/// <param name="Name">kebab-case name.</param>
/// <param name="Broken">What was broken.</param>
/// <param name="Parameter">The overridden parameter.</param>
/// <param name="Value">Its false value.</param>
public sealed record FalseVariant(string Name, string Broken, string Parameter, string Value);
