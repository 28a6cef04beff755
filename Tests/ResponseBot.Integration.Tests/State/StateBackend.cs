namespace ResponseBot.Integration.Tests.State;

/// <summary>
/// What a store under test lives on: the clock it expires by and how a test lets time pass on it. A fresh one for each
/// test, so no test sees another's data.
/// </summary>
public abstract class StateBackend
{
    /// <summary>The clock the store counts expiry by.</summary>
    public abstract TimeProvider Clock { get; }

    /// <summary>Lets <paramref name="time"/> pass as the store's clock sees it.</summary>
    public abstract Task LetTimePassAsync(TimeSpan time);
}

/// <summary>
/// The base of the contract suites: a fresh <typeparamref name="TBackend"/> before each test, made before the derived
/// suite's own [SetUp] runs.
/// </summary>
/// <typeparam name="TBackend">In memory or Redis.</typeparam>
public abstract class StateContract<TBackend>
    where TBackend : StateBackend, new()
{
    protected TBackend Backend { get; private set; } = null!;

    [SetUp]
    public void CreateBackend() => Backend = new TBackend();
}
