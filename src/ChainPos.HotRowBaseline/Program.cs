using ChainPos.HotRowBaseline;

return await HotRowLoad.RunAsync(args);
