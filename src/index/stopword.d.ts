/** The `stopword` package ships no types: its language lists are plain string arrays. */
declare module 'stopword' {
  type List = readonly string[];
  export const ara: List, ces: List, dan: List, deu: List, ell: List, eng: List, fas: List, fin: List, fra: List, heb: List;
  export const hin: List, hun: List, ind: List, ita: List, jpn: List, kor: List, nld: List, nob: List, pol: List, por: List;
  export const ron: List, rus: List, spa: List, swe: List, tgl: List, tha: List, tur: List, ukr: List, vie: List, zho: List;
}
