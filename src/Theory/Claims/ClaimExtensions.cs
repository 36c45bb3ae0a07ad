namespace Collapse.Theory.Claims;

/// <summary>Short members of every <see cref="IClaim"/>, read off its <see cref="IClaim.Info"/>.</summary>
public static class ClaimExtensions
{
    /// <summary>The members.</summary>
    /// <param name="claim">The claim.</param>
    extension(IClaim claim)
    {
        /// <summary>Stable id, kebab-case (e.g. <c>etf-gram</c>).</summary>
        public string Id => claim.Info.Id;

        /// <summary>Short title.</summary>
        public string Title => claim.Info.Title;

        /// <summary>Source: paper (and theorem where quoted).</summary>
        public string Source => claim.Info.Source;

        /// <summary>The exact statement checked.</summary>
        public string Statement => claim.Info.Statement;

        /// <summary>Identity, inequality, asymptotic, empirical or definition.</summary>
        public ClaimKind Kind => claim.Info.Kind;

        /// <summary>Parameter defaults (name → invariant value), in declaration order.</summary>
        public IReadOnlyDictionary<string, string> DefaultParameters
        {
            get
            {
                var d = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var p in claim.Info.Parameters) d[p.Name] = p.Default;
                return d;
            }
        }

        /// <summary>Runs the check: exactly <c>CheckWithEvidence(context).Result</c>.</summary>
        public ClaimResult Check(ClaimContext context) => claim.CheckWithEvidence(context).Result;

        /// <summary>
        /// Runs the check as <c>collapse check</c> does: a check that declares itself unable to decide
        /// (<see cref="ClaimInconclusiveException"/>) gives its Inconclusive result (<see cref="ClaimInconclusiveException.ToResult"/>).
        /// </summary>
        public ClaimResult CheckOrInconclusive(ClaimContext context)
        {
            try { return claim.Check(context); }
            catch (ClaimInconclusiveException inconclusive) { return inconclusive.ToResult(claim, context); }
        }
    }
}
