/** The referral chain's words in Chinese: box labels, the key and the steps, in the order of referral-chain.ts. */
import type { StepWords } from '../../components/step-through.ts';
import type { ReferralChainWords } from './referral-chain.ts';

export const REFERRAL_CHAIN_ZH: ReferralChainWords = {
  label: '递归解析器如何一步步找到 www.shop.example',
  title: 'www.shop.example 的转介链',
  desc: '手机询问递归解析器，递归解析器依次询问根服务器、example. 的顶级域服务器、商店的权威服务器和全局负载均衡器的服务器；实线箭头是查询，虚线箭头是回复。编号的步骤逐条说明每个报文。',
  nodes: {
    phone: { title: '手机', lines: ['应用 + 存根解析器'] },
    resolver: { title: '递归解析器', lines: ['运营商或公共的'] },
    root: { title: '根服务器', lines: ['区域 “.”'] },
    tld: { title: '顶级域服务器', lines: ['区域 “example.”'] },
    auth: { title: '商店的 DNS', lines: ['区域 “shop.example.”'] },
    gslb: { title: 'GSLB', lines: ['区域 “gslb.example.”'] },
  },
  cache: '缓存',
  query: '查询',
  reply: '回复',
};

export const REFERRAL_STEPS_ZH: StepWords = [
  {
    title: '手机询问它的递归解析器',
    text: '应用调用系统解析器（`getaddrinfo` 或平台上的等价接口）。手机上没有缓存，于是存根解析器向网络配置的递归解析器发出一个 UDP 查询——`www.shop.example`，类型 A——并置 RD=1：期望递归，请把最终答案给我。',
  },
  {
    title: '解析器从根开始',
    text: '它的缓存里既没有这个名字，也没有它上面任何区域的信息，所以从根服务器开始；根服务器的地址来自它的根提示（root hints）。它用 RD=0 问同一个问题：从这里开始，它自己一步步走，每次发一个迭代查询。',
  },
  {
    title: '根把它转介给 `example.`',
    text: '根服务器不知道这个地址，也不会去查。它用一个转介作答：没有答案记录，AA=0，权威段里是 `example.` 的 NS 记录，附加段里是它们的地址（胶水记录）。',
  },
  {
    title: '它询问 `example.` 的一台服务器',
    text: '解析器按 TTL 允许的时长缓存这个委派，并把同一个问题发给顶级域的一台服务器，地址取自胶水记录。',
  },
  {
    title: '`example.` 把它转介给 `shop.example`',
    text: '又一个转介：`shop.example` 由 `ns1.shop.example` 提供服务，胶水地址 192.0.2.80。这里胶水记录必不可少：服务器的名字就在它所服务的区域之内，没有地址的话，解析器永远无法到达它。',
  },
  {
    title: '它询问商店自己的服务器',
    text: '第三个查询，同样的问题，这次发给持有 `shop.example` 区域的服务器。',
  },
  {
    title: '答案是一个别名',
    text: '商店的服务器以 AA=1 作答：`www.shop.example` 是 `shop.gslb.example` 的 CNAME，TTL 300 秒。目标在另一个区域里，所以这台服务器无法再多说什么。',
  },
  {
    title: '它从缓存出发，重新解析新名字',
    text: '现在它需要 `shop.gslb.example` 的 A 记录。`example.` 的 NS 记录已在缓存中，所以它跳过根，直接询问顶级域服务器。',
  },
  {
    title: '`example.` 把它转介给 `gslb.example`',
    text: '转介到负载均衡器自己的域名服务器，同样带着胶水记录。',
  },
  {
    title: '它询问全局负载均衡器',
    text: 'GSLB 是一台会计算答案的权威服务器。它看到的查询源地址是解析器的，而不是手机的——除非解析器加上了 EDNS Client Subnet 选项。',
  },
  {
    title: 'GSLB 选出一个数据中心',
    text: '根据查询的源地址以及哪些数据中心健康，它以 AA=1 回答 `shop.gslb.example` A 203.0.113.10，并给出很短的 TTL（30 秒），以便能迅速把客户端调度到别处。',
  },
  {
    title: '手机拿到了它的地址',
    text: '解析器缓存它学到的每条记录，各按各的 TTL，并用 CNAME 和 A 记录回答手机——也就是下文逐字节展示的那个响应。解析器发了五个查询；手机只发了一个。',
  },
];
