import { readArticles, candidatesOf } from './bench/matcher-corpus';
const a = readArticles('allsides-undated').slice(0, 3000);
const t0 = Date.now(); candidatesOf(a); console.log(Date.now() - t0);
