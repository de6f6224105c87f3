import { STANDARD_CATEGORY_TOPICS, type StandardCategoryTopic } from '@minsheng/domain';

/** One entry of `services.json`: a topic of intake's taxonomy. */
export function toService(topic: StandardCategoryTopic) {
  return {
    service_code: topic.code,
    service_name: topic.name,
    description: `${topic.group.name} · ${topic.name}`,
    // Every service needs the petitioner's ID number and the county (实名 and 属地).
    metadata: true,
    type: 'realtime',
    keywords: `${topic.group.name},${topic.name}`,
    group: topic.group.name,
  };
}

export const OPEN311_SERVICES = STANDARD_CATEGORY_TOPICS.map(toService);

export const findTopic = (code: string) => STANDARD_CATEGORY_TOPICS.find((t) => t.code === code);

/**
 * The extra fields every service needs beyond GeoReport's own (first_name, last_name, phone,
 * description, lat/long, address_string), sent as `attribute[<code>]`.
 */
export function serviceDefinition(code: string) {
  return {
    service_code: code,
    attributes: [
      {
        variable: true,
        code: 'id_number',
        datatype: 'string',
        required: true,
        datatype_description: '18 位居民身份证号码',
        order: 1,
        description: '投诉人身份证号码（实名投诉）',
      },
      {
        variable: true,
        code: 'division_code',
        datatype: 'string',
        required: true,
        datatype_description: '6 位区县行政区划代码（GB/T 2260），也可用 jurisdiction_id 传入',
        order: 2,
        description: '问题发生地所属区县',
      },
      {
        variable: true,
        code: 'kind',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 3,
        description: '信访类别（默认 申诉求决）',
        values: [
          { key: 'appeal', name: '申诉求决' },
          { key: 'suggestion', name: '建议意见' },
          { key: 'accusation', name: '检举控告' },
        ],
      },
      {
        variable: true,
        code: 'title',
        datatype: 'string',
        required: false,
        datatype_description: '最多 100 字，默认取描述的开头',
        order: 4,
        description: '标题',
      },
    ],
  };
}
