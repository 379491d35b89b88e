/**
 * "Navigate" links that open a route to a facility in AMap, Baidu or Tencent maps from a phone browser or
 * WeChat, each in the coordinate system that app expects (see ../shared/domain.md). The start is the visitor's
 * own position, which the app finds; the travel mode is left to the app where its URI allows it.
 * Formats, as documented by each provider (checked November 2026):
 * - AMap  https://uri.amap.com/navigation — to=lon,lat,name (GCJ-02, the documented default); mode omitted
 *   (documented default: car; the visitor switches to walking in the app); from omitted (documented: the current
 *   position on mobile); callnative=1 opens the app when installed. (lbs.amap.com/api/uri-api/guide/travel/route)
 * - Baidu https://api.map.baidu.com/direction — destination=latlng:lat,lng|name:…, coord_type=bd09ll with BD-09
 *   coordinates; mode and origin are required by the web URI: mode=driving, origin named 我的位置 (the visitor's
 *   position); region the city; output=html; src the caller. (lbsyun.baidu.com URI API, web: direction)
 * - Tencent https://apis.map.qq.com/uri/v1/routeplan — type=drive (required), to=name, tocoord=lat,lng in GCJ-02
 *   (coord_type default 2: Tencent's own, i.e. GCJ-02); from omitted (documented: the current position on
 *   mobile); referer the caller. (lbs.qq.com/webApi/uriV1/uriGuide/uriWebRoute)
 */
import { round6, wgs84ToBd09, wgs84ToGcj02, type LngLat } from './coords.ts';

export interface NavigationLinks {
  amap: string;
  baidu: string;
  tencent: string;
}

/** Who asks (the map apps' `src=`, the district's app slug) and the city Baidu searches in. */
export interface NavigationOrigin {
  app: string;
  city: string;
}

/** `wgs` is the facility's WGS-84 [lng, lat]; `origin` comes from the district (NAV_ORIGIN in src/districts/). */
export function navigationLinks(wgs: LngLat, name: string, origin: NavigationOrigin): NavigationLinks {
  const { app: appName, city } = origin;
  const [gLng, gLat] = wgs84ToGcj02(wgs).map(round6);
  const [bLng, bLat] = wgs84ToBd09(wgs).map(round6);
  const n = encodeURIComponent(name);
  const e = encodeURIComponent;
  return {
    amap: `https://uri.amap.com/navigation?to=${gLng},${gLat},${n}&callnative=1&src=${e(appName)}`,
    baidu:
      `https://api.map.baidu.com/direction?origin=${e('我的位置')}&destination=${e(`latlng:${bLat},${bLng}|name:`)}${n}` +
      `&mode=driving&region=${e(city)}&coord_type=bd09ll&output=html&src=${e(appName)}`,
    tencent: `https://apis.map.qq.com/uri/v1/routeplan?type=drive&to=${n}&tocoord=${gLat},${gLng}&referer=${e(appName)}`,
  };
}
