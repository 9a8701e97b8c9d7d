// bench/serve.sh "hello": the smallest worker.
export default {
  fetch() {
    return new Response("Hello World!");
  },
};
