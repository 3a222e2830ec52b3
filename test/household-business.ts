// A household business registration (1.001612) filed at Hợp Thịnh for a
// business in Hợp Thịnh, and the steps that bring it to its connector handoff.
import { ApiClient } from './api-client.ts';

export const householdBusinessApplicant = { fullName: 'Ngô Văn Phúc', idNumber: '027185007777' };

export function householdBusiness(name = 'Tạp hóa Phúc An') {
  return {
    procedureCode: '1.001612',
    applicant: householdBusinessApplicant,
    data: {
      owner: householdBusinessApplicant,
      business: { name, commune: 'hop-thinh', address: 'Thôn Đông, Xã Hợp Thịnh', capitalVnd: 150000000, lines: ['Bán lẻ thực phẩm'] },
    },
  };
}

/** Files, accepts, appraises and signs one: it enters registry-transfer, the connector handoff. */
export async function signHouseholdBusiness(baseUrl: string, options: { name?: string; beforeSigning?: (id: string, receiver: ApiClient) => Promise<void> } = {}): Promise<string> {
  const [receiver, specialist, leader] = await Promise.all(['receiver.hop-thinh', 'specialist.hop-thinh', 'leader.hop-thinh'].map((u) => ApiClient.login(baseUrl, u)));
  const created = await receiver!.post('/v1/dossiers', householdBusiness(options.name));
  if (created.status !== 201) throw new Error(`reception failed: ${created.status} ${JSON.stringify(created.body)}`);
  const id: string = created.body.id;
  await options.beforeSigning?.(id, receiver!);
  for (const [client, type] of [[receiver!, 'ACCEPT'], [specialist!, 'PROPOSE_APPROVAL'], [leader!, 'SIGN']] as const) {
    const res = await client.post(`/v1/dossiers/${id}/events`, { type });
    if (res.status !== 200) throw new Error(`${type} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return id;
}
