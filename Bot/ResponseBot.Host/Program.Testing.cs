// Top-level statements make Program internal; WebApplicationFactory<Program> in ResponseBot.Host.Tests needs to
// name it, and a public partial declaration is the documented way to expose it without changing Program.cs.
#pragma warning disable CA1515 // Program must be public for WebApplicationFactory<Program>.
public partial class Program;
#pragma warning restore CA1515
