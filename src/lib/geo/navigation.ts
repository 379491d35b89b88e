/**
 * "Navigate" links that open a map app at a facility from a phone browser or WeChat, each in the coordinate
 * system that app expects (see ../shared/domain.md).
 */
import { round6, wgs84ToBd09, wgs84ToGcj02, type LngLat } from './coords.ts';

export interface NavigationLinks {
  amap: string;
  baidu: string;
  tencent: string;
}

/** `wgs` is the facility's WGS-84 [lng, lat]. */
export function navigationLinks(wgs: LngLat, name: string, appName = 'guichi-tuoyu'): NavigationLinks {
  const [gLng, gLat] = wgs84ToGcj02(wgs).map(round6);
  const [bLng, bLat] = wgs84ToBd09(wgs).map(round6);
  const n = encodeURIComponent(name);
  return {
    amap: `https://uri.amap.com/marker?position=${gLng},${gLat}&name=${n}&coordinate=gaode&callnative=1&src=${appName}`,
    baidu: `https://api.map.baidu.com/marker?location=${bLat},${bLng}&title=${n}&content=${n}&coord_type=bd09ll&output=html&src=${appName}`,
    tencent: `https://apis.map.qq.com/uri/v1/marker?marker=coord:${gLat},${gLng};title:${n}&referer=${appName}`,
  };
}
