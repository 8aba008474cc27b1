namespace ChainPos.Storage.GroupCommit;

/// <summary>
/// One grain-state row within a service: the <c>[PersistentState]</c> state name and the full
/// <see cref="Orleans.Runtime.GrainId"/> text (grain type and key), so two grain classes with the same
/// state name and key never share a row.
/// </summary>
/// <param name="StateName">The state name.</param>
/// <param name="GrainId">The grain id as text, e.g. <c>storagetest/t:1</c>.</param>
internal readonly record struct GrainStateKey(string StateName, string GrainId);
