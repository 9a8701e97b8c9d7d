// Training workload for the JDK AOT cache that ./nano builds for fast start-up (see ./nano).
const text = JSON.stringify({ hello: "world", list: [1, 2, 3] });
console.log(JSON.parse(text).hello, new Map([[1, 2]]));
await new Promise((resolve) => setTimeout(resolve, 1));
export {};
