import { useMutation, useQueryClient } from '@tanstack/react-query';
import { profileSchema, type Profile, type ProfileUpdate } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { profileKeys } from './get-profile';

export function updateProfile(input: ProfileUpdate): Promise<Profile> {
  return api.patch('/me/profile', profileSchema, input);
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProfile,
    onSuccess: (profile) => queryClient.setQueryData(profileKeys.all, profile),
  });
}
