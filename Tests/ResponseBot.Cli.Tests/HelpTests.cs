namespace ResponseBot.Cli.Tests;

public sealed class HelpTests
{
    [Test]
    public async Task Help_Root_ListsCommandGroups()
    {
        var run = await CliRunner.RunAsync("--help");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("kb").And.Contain("eval").And.Contain("bench").And.Contain("--db"));
    }

    [TestCase("kb", new[] { "import", "export", "list", "show", "search", "publish", "history" })]
    [TestCase("eval", new[] { "retrieval", "lcqmc" })]
    [TestCase("bench", new[] { "search" })]
    [TestCase("train", new[] { "reranker" })]
    public async Task Help_Group_ListsItsCommands(string group, string[] commands)
    {
        var run = await CliRunner.RunAsync(group, "--help");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        foreach (var command in commands)
        {
            Assert.That(run.Stdout, Does.Contain(command));
        }
    }

    [Test]
    public async Task Run_GroupWithoutCommand_ExitsTwoWithOneLineAndPointer()
    {
        var run = await CliRunner.RunAsync("kb");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.StartWith("error: ").And.Contain("responsebot kb --help"));
        Assert.That(run.Stdout, Is.Empty);
    }

    [Test]
    public async Task Run_ValueNotAllowed_ExitsTwoWithOneErrorLine()
    {
        var run = await CliRunner.RunAsync("kb", "list", "--status", "archived");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.StartWith("error: ").And.Contain("archived").And.Contain("published"));
        Assert.That(lines, Has.Length.EqualTo(2));
    }
}
