using System.Text.RegularExpressions;
using ChainPos.TestSupport;

namespace ChainPos.Operations.Tests;

/// <summary>
/// The manifests in k8s/ against the Kubernetes API schemas, without a cluster (tests/k8s-validate/validate.mjs:
/// kubernetes-models' compiled OpenAPI schemas plus a strict unknown-field check and cross-references), and the
/// Prometheus alerts, scrape config and every Grafana panel query through promtool (Debian's prometheus package).
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string K8s = Path.Combine(RepoPaths.Root, "k8s");
    private static readonly string Validator = Path.Combine(RepoPaths.Root, "tests", "k8s-validate");

    [Fact]
    public async Task Manifests_InRepository_ValidAgainstKubernetesSchemas()
    {
        var result = await ValidateAsync(K8s);

        Assert.True(result.ExitCode == 0, result.Output);
        foreach (var expected in new[]
        {
            "Deployment/chainpos", "PodDisruptionBudget/chainpos", "Service/chainpos-grpc", "StatefulSet/postgres", "Job/chainpos-migrate",
            "Deployment/otel-collector", "Deployment/prometheus", "Role/prometheus", "Deployment/grafana", "ConfigMap/grafana-dashboards",
        })
        {
            Assert.Matches(new Regex("checked [^\\n]* " + Regex.Escape(expected) + "\\n"), result.Output);
        }
    }

    [Fact]
    public async Task BrokenManifests_FailNamingEveryProblem()
    {
        using var copy = new TempDirectory("chainpos-k8s-broken");
        CopyFolder(K8s, copy.Path);
        Edit(copy.File("silo.yaml"), "          readinessProbe:", "          readinesProbe:");
        Edit(copy.File("silo.yaml"), "  replicas: 3", "  replicas: \"3\"");
        Edit(copy.File("prometheus.yaml"), "      port: 9090", "      prot: 9090");
        Edit(copy.File("grafana.yaml"), "            name: grafana-dashboards", "            name: grafana-dashboard");
        Edit(copy.File("grafana/chainpos-overview.json"), "\"panels\": [", "\"panels\": [,");

        var result = await ValidateAsync(copy.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("6 problem(s)", result.Output, StringComparison.Ordinal);
        Assert.Contains("Deployment/chainpos.spec.template.spec.containers[0]: unknown field 'readinesProbe'", result.Output, StringComparison.Ordinal);
        Assert.Contains("Deployment/chainpos: data/spec/replicas must be integer", result.Output, StringComparison.Ordinal);
        Assert.Contains("Service/prometheus: data/spec/ports/0 must have required property port", result.Output, StringComparison.Ordinal);
        Assert.Contains("Service/prometheus.spec.ports[0]: unknown field 'prot'", result.Output, StringComparison.Ordinal);
        Assert.Contains("Deployment/grafana: volume 'dashboards': ConfigMap 'grafana-dashboard' is not defined", result.Output, StringComparison.Ordinal);
        Assert.Contains("grafana/chainpos-overview.json: not valid JSON", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownKindAndMissingResource_Fail()
    {
        using var copy = new TempDirectory("chainpos-k8s-broken");
        CopyFolder(K8s, copy.Path);
        Edit(copy.File("namespace.yaml"), "kind: Namespace", "kind: Namespaec");
        Edit(copy.File("kustomization.yaml"), "  - grafana.yaml", "  - grafana.yaml\n  - gateway.yaml");

        var result = await ValidateAsync(copy.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("unknown apiVersion/kind v1/Namespaec", result.Output, StringComparison.Ordinal);
        Assert.Contains("resource 'gateway.yaml' does not exist", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertsAndGrafanaPanelQueries_ParseWithPromtool()
    {
        using var extracted = new TempDirectory("chainpos-k8s-extract");
        var result = await ValidateAsync(K8s, "--extract", extracted.Path);
        Assert.True(result.ExitCode == 0, result.Output);

        var rules = await Tool.RunAsync("promtool", "check", "rules", extracted.File("prometheus/alerts.yml"), extracted.File("grafana-panels.rules.yml"));

        Assert.True(rules.ExitCode == 0, rules.Output);
        Assert.Contains("SUCCESS: 14 rules found", rules.Output, StringComparison.Ordinal);
        Assert.Matches(new Regex("SUCCESS: (1\\d|[2-9]\\d) rules found"), rules.Output.Split("grafana-panels.rules.yml")[1]);
    }

    [Fact]
    public async Task BrokenPanelQuery_FailsPromtool()
    {
        using var copy = new TempDirectory("chainpos-k8s-broken");
        CopyFolder(K8s, copy.Path);
        Edit(copy.File("grafana/chainpos-overview.json"), "sum(rate(chainpos_sales_total[1m]))", "sum(rate(chainpos_sales_total[1m])");
        using var extracted = new TempDirectory("chainpos-k8s-extract");
        Assert.Equal(0, (await ValidateAsync(copy.Path, "--extract", extracted.Path)).ExitCode);

        var rules = await Tool.RunAsync("promtool", "check", "rules", extracted.File("grafana-panels.rules.yml"));

        Assert.Equal(1, rules.ExitCode);
        Assert.Contains("grafana:panel_2_A", rules.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrometheusScrapeConfig_ValidApartFromKubernetesDiscovery()
    {
        using var extracted = new TempDirectory("chainpos-k8s-extract");
        Assert.Equal(0, (await ValidateAsync(K8s, "--extract", extracted.Path)).ExitCode);

        // Debian builds promtool without Kubernetes service discovery, so that one block becomes a static target;
        // everything else (relabelling, rule files, intervals) is checked as written.
        var config = extracted.File("prometheus/prometheus.yml");
        var text = await File.ReadAllTextAsync(config);
        var withoutDiscovery = Regex.Replace(text, "kubernetes_sd_configs:\\n(?: {6,}.*\\n)+", "static_configs:\n      - targets: [\"127.0.0.1:5081\"]\n");
        Assert.NotEqual(text, withoutDiscovery);
        await File.WriteAllTextAsync(config, withoutDiscovery);

        var check = await Tool.RunAsync("promtool", "check", "config", "--syntax-only", config);

        Assert.True(check.ExitCode == 0, check.Output + "\n" + withoutDiscovery);
    }

    private static Task<NodeScriptResult> ValidateAsync(string folder, params string[] more) =>
        NodeScript.RunAsync(Validator, "validate.mjs", [folder, .. more], new Dictionary<string, string>(), TimeSpan.FromMinutes(2));

    private static void Edit(string file, string from, string to)
    {
        var text = File.ReadAllText(file);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
